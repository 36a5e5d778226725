package cn.xinyong.openapi.reports;

import cn.xinyong.openapi.readmodel.record.Vocabulary;
import cn.xinyong.openapi.readmodel.view.CommitmentView;
import cn.xinyong.openapi.readmodel.view.LicenceView;
import cn.xinyong.openapi.readmodel.view.ListEntryView;
import cn.xinyong.openapi.readmodel.view.PenaltyView;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The credit report as a Chinese A4 PDF. The font (WenQuanYi Micro Hei, Apache-2.0; see
 * fonts/wqy-microhei.COPYRIGHT) ships with the service and is embedded as a subset, so the report looks the same
 * wherever it is opened and its text can be extracted. Blocking: run it off the event loop.
 */
final class ReportPdf {

    private static final String FONT_RESOURCE = "fonts/wqy-microhei.ttc";
    private static final float MARGIN = 56;
    private static final float SIZE = 10.5f;
    private static final float LEADING = 16;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.of("Asia/Shanghai"));
    private static final byte[] FONT_BYTES = load();
    /**
     * The parsed font, one per rendering thread: parsing the collection costs about a third of a report, and a
     * parsed font is read while a document is subset on save, so threads do not share one.
     */
    private static final ThreadLocal<TrueTypeFont> FONT = ThreadLocal.withInitial(ReportPdf::parse);
    /** A run of printable ASCII (a code, a number, a word), a run of spaces, or any one other character. */
    private static final java.util.regex.Pattern TOKEN = java.util.regex.Pattern.compile("[\\x21-\\x7E]+|\\s+|.");

    private ReportPdf() {
    }

    static byte[] render(ReportViews.Report r) {
        try (PDDocument pdf = new PDDocument()) {
            PDType0Font font = PDType0Font.load(pdf, FONT.get(), true);
            PDDocumentInformation info = pdf.getDocumentInformation();
            info.setTitle("信用报告 " + r.number());
            info.setSubject(r.subject().name() + " " + r.subject().uscc());
            info.setCreator("Xinyong Open API");
            Pages pages = new Pages(pdf, font);
            pages.line("信用报告", 20);
            pages.line("Credit report", 11);
            pages.gap();
            pages.line("报告编号：" + r.number() + "    验证码：" + r.verificationCode(), SIZE);
            pages.line("出具时间：" + TIME.format(r.issuedAt()) + "    数据截至：" + TIME.format(r.dataAsOf()), SIZE);
            pages.line("验证：" + r.verifyAt(), 9);
            pages.gap();
            pages.heading("一、主体登记信息");
            pages.line("主体名称：" + r.subject().name(), SIZE);
            pages.line("统一社会信用代码：" + r.subject().uscc(), SIZE);
            pages.line("主体类型：" + label(Vocabulary.ENTITY_KINDS.get(r.subject().kind()), r.subject().kind())
                    + "    登记状态：" + label(Vocabulary.ENTITY_STATUSES.get(r.subject().status()), r.subject().status()), SIZE);
            pages.line("法定代表人/负责人：" + text(r.subject().legalRepresentative()) + "    成立日期："
                    + text(r.subject().registeredOn()), SIZE);
            pages.line("登记机关：" + text(r.subject().registrationAuthority()), SIZE);
            pages.line("住所：" + text(r.subject().address()), SIZE);
            pages.heading("二、信用等级");
            pages.line(r.grade() == null ? "未评级" : r.grade().grade() + " 级（" + text(r.grade().evaluatedBy()) + "，"
                    + text(r.grade().ratedOn()) + " 评定）", SIZE);
            pages.heading("三、名单信息（当前）");
            if (r.lists().isEmpty()) {
                pages.line("无", SIZE);
            }
            for (ListEntryView l : r.lists()) {
                pages.line("· " + l.listName() + "  列入日期 " + text(l.listedOn()) + "  认定部门 " + text(l.authority())
                        + "  编号 " + l.id() + (l.disputedSince() != null ? "  （异议核查中）" : ""), SIZE);
                if (l.reason() != null) {
                    pages.line("  列入原因：" + l.reason(), 9);
                }
            }
            pages.heading("四、行政许可");
            if (r.licences().isEmpty()) {
                pages.line("无", SIZE);
            }
            for (LicenceView l : r.licences()) {
                pages.line("· " + text(l.documentName()) + "  " + text(l.documentNumber()) + "  " + text(l.decisionDate())
                        + "  " + text(l.authority()) + "  编号 " + l.id(), SIZE);
            }
            pages.heading("五、行政处罚（公示期内）");
            if (r.penalties().isEmpty()) {
                pages.line("无", SIZE);
            }
            for (PenaltyView p : r.penalties()) {
                pages.line("· " + text(p.decisionNumber()) + "  " + text(p.violationType()) + "  决定日期 "
                        + text(p.decisionDate()) + "  公示截止 " + text(p.publicationEnd()) + "  编号 " + p.id()
                        + (p.disputedSince() != null ? "  （异议核查中）" : ""), SIZE);
                pages.line("  处罚机关：" + text(p.authority()) + "  处罚内容：" + text(p.content()), 9);
            }
            pages.heading("六、信用承诺");
            if (r.commitments().isEmpty()) {
                pages.line("无", SIZE);
            }
            for (CommitmentView c : r.commitments()) {
                pages.line("· " + text(c.typeLabel()) + "  " + text(c.matter()) + "  " + text(c.committedOn()) + "  "
                        + text(c.fulfilmentLabel()) + "  编号 " + c.id(), SIZE);
            }
            if (r.note() != null) {
                pages.gap();
                pages.line(r.note(), SIZE);
            }
            pages.gap();
            pages.line("本报告依据信用信息共享平台公示信息生成，内容以出具时的数据为准。", 9);
            pages.close();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            pdf.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String label(String label, String code) {
        return label != null ? label : text(code);
    }

    private static String text(Object value) {
        return value == null ? "—" : value.toString();
    }

    private static TrueTypeFont parse() {
        try {
            TrueTypeCollection collection = new TrueTypeCollection(new java.io.ByteArrayInputStream(FONT_BYTES));
            TrueTypeFont[] first = new TrueTypeFont[1];
            collection.processAllFonts(f -> {
                if (first[0] == null) {
                    first[0] = f;
                }
            });
            return first[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] load() {
        try (InputStream in = Objects.requireNonNull(ReportPdf.class.getClassLoader().getResourceAsStream(FONT_RESOURCE),
                "the report font " + FONT_RESOURCE + " is missing")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A4 pages filled top to bottom, wrapping lines at the margin and starting a page when one is full. */
    private static final class Pages {
        private final PDDocument pdf;
        private final PDType0Font font;
        private final float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
        private PDPageContentStream stream;
        private float y;
        private int number;

        Pages(PDDocument pdf, PDType0Font font) throws IOException {
            this.pdf = pdf;
            this.font = font;
            newPage();
        }

        void heading(String text) throws IOException {
            gap();
            line(text, 12.5f);
        }

        void gap() {
            y -= LEADING / 2;
        }

        void line(String raw, float size) throws IOException {
            String text = printable(raw);
            for (String piece : wrap(text, size)) {
                if (y < MARGIN + LEADING) {
                    newPage();
                }
                stream.beginText();
                stream.setFont(font, size);
                stream.newLineAtOffset(MARGIN, y);
                stream.showText(piece);
                stream.endText();
                y -= Math.max(LEADING, size * 1.45f);
            }
        }

        void close() throws IOException {
            footer();
            stream.close();
        }

        /** Lines that fit the width: codes, numbers and Latin words kept whole where they fit a line. */
        private List<String> wrap(String text, float size) throws IOException {
            List<String> out = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            java.util.regex.Matcher tokens = TOKEN.matcher(text);
            while (tokens.find()) {
                String token = tokens.group();
                if (width(line + token, size) <= width) {
                    line.append(token);
                    continue;
                }
                if (!line.isEmpty()) {
                    out.add(line.toString().stripTrailing());
                    line.setLength(0);
                }
                String rest = token.isBlank() ? "" : token;
                while (!rest.isEmpty() && width(rest, size) > width) {
                    int fit = 1;
                    while (fit < rest.length() && width(rest.substring(0, fit + 1), size) <= width) {
                        fit++;
                    }
                    out.add(rest.substring(0, fit));
                    rest = rest.substring(fit);
                }
                line.append(rest);
            }
            out.add(line.toString());
            return out;
        }

        private float width(String text, float size) throws IOException {
            return font.getStringWidth(text) / 1000 * size;
        }

        /** Characters the font cannot show become a question mark rather than a failed report. */
        private String printable(String text) {
            StringBuilder out = new StringBuilder(text.length());
            text.codePoints().forEach(cp -> {
                String ch = new String(Character.toChars(cp));
                try {
                    font.encode(ch);
                    out.append(Character.isISOControl(cp) ? " " : ch);
                } catch (IOException | IllegalArgumentException e) {
                    out.append('?');
                }
            });
            return out.toString();
        }

        private void newPage() throws IOException {
            if (stream != null) {
                footer();
                stream.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            pdf.addPage(page);
            stream = new PDPageContentStream(pdf, page);
            y = PDRectangle.A4.getHeight() - MARGIN;
            number++;
        }

        private void footer() throws IOException {
            stream.beginText();
            stream.setFont(font, 8);
            stream.newLineAtOffset(MARGIN, MARGIN / 2);
            stream.showText("第 " + number + " 页");
            stream.endText();
        }
    }
}
