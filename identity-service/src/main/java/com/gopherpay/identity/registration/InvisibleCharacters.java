package com.gopherpay.identity.registration;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UCharacterCategory;
import com.ibm.icu.lang.UProperty;

/**
 * Characters that change how a name displays without being seen: bidi overrides and isolates (which can make
 * {@code Ada}, U+202E, {@code nimda} show as {@code Adaadmin}), zero-width spaces and joiners, and other format (Cf) or
 * default-ignorable characters, including the Hangul fillers (U+115F, U+1160, U+3164, U+FFA0) that render as blanks.
 * Names are shown to people in emails and pages, so such characters would only ever serve to deceive.
 *
 * <p>The one exception are the zero-width joiner and non-joiner where a script needs them, by the contextual rules
 * of RFC 5892 (IDNA 2008, Appendix A.1 and A.2): after a virama, and the non-joiner between joining letters, as
 * Persian spelling requires (U+0645 U+06CC U+200C U+062E ..., "mi-khaham").
 */
final class InvisibleCharacters {

    private static final int ZWNJ = 0x200C;
    private static final int ZWJ = 0x200D;
    private static final int VIRAMA = 9;
    /** Braille pattern blank: a symbol, not a format character, but it renders as empty space. */
    private static final int BRAILLE_BLANK = 0x2800;

    private InvisibleCharacters() {}

    static boolean containsAny(String s) {
        int[] codePoints = s.codePoints().toArray();
        for (int i = 0; i < codePoints.length; i++) {
            int c = codePoints[i];
            if (c == ZWNJ || c == ZWJ) {
                if (!joinerAllowed(codePoints, i)) {
                    return true;
                }
            } else if (UCharacter.getType(c) == UCharacterCategory.FORMAT
                    || UCharacter.hasBinaryProperty(c, UProperty.DEFAULT_IGNORABLE_CODE_POINT)
                    || c == BRAILLE_BLANK) {
                return true;
            }
        }
        return false;
    }

    private static boolean joinerAllowed(int[] codePoints, int at) {
        if (at > 0 && UCharacter.getCombiningClass(codePoints[at - 1]) == VIRAMA) {
            return true;
        }
        if (codePoints[at] == ZWJ) {
            return false;
        }
        int before = at - 1;
        while (before >= 0 && joiningType(codePoints[before]) == UCharacter.JoiningType.TRANSPARENT) {
            before--;
        }
        int after = at + 1;
        while (after < codePoints.length && joiningType(codePoints[after]) == UCharacter.JoiningType.TRANSPARENT) {
            after++;
        }
        if (before < 0 || after >= codePoints.length) {
            return false;
        }
        int left = joiningType(codePoints[before]);
        int right = joiningType(codePoints[after]);
        return (left == UCharacter.JoiningType.LEFT_JOINING || left == UCharacter.JoiningType.DUAL_JOINING)
                && (right == UCharacter.JoiningType.RIGHT_JOINING || right == UCharacter.JoiningType.DUAL_JOINING);
    }

    private static int joiningType(int codePoint) {
        return UCharacter.getIntPropertyValue(codePoint, UProperty.JOINING_TYPE);
    }
}
