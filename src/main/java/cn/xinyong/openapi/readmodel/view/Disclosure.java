package cn.xinyong.openapi.readmodel.view;

/** Any disclosed record (双公示 licence or penalty decision, or credit commitment), as the public sees it. */
public sealed interface Disclosure permits LicenceView, PenaltyView, CommitmentView {
    String id();
}
