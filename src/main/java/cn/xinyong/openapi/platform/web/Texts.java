package cn.xinyong.openapi.platform.web;

/** Rules for free text a caller sends (reasons, references), for request records' constraints. */
public final class Texts {

    /** No control characters (a line break in a reason is refused: it would forge lines in logs and exports). */
    public static final String NO_CONTROL_CHARACTERS = "[^\\p{Cntrl}]*";
    public static final String NO_CONTROL_CHARACTERS_MESSAGE = "must not contain control characters";

    private Texts() {
    }
}
