package cn.xinyong.openapi.readmodel.view;

/** Any disclosed record (双公示 licence or penalty decision, or credit commitment), as the public sees it. */
@org.eclipse.microprofile.openapi.annotations.media.Schema(name = "Disclosure",
        description = "A disclosed record: a licence decision, a penalty decision or a credit commitment, by the path asked",
        anyOf = {LicenceView.class, PenaltyView.class, CommitmentView.class})
public sealed interface Disclosure permits LicenceView, PenaltyView, CommitmentView {
    String id();
}
