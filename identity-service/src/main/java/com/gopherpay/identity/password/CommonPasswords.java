package com.gopherpay.identity.password;

import java.util.Locale;
import java.util.Set;
import me.gosimple.nbvcxz.resources.DictionaryUtil;
import org.springframework.stereotype.Component;

/**
 * The 100,000 most common passwords, from the list that the nbvcxz strength estimator bundles (derived from public
 * breach corpora; 96,520 distinct once case is ignored). Loaded once at start-up; a few MB of heap.
 */
@Component
public class CommonPasswords {

    private final int listed;
    private final Set<String> passwords;

    public CommonPasswords() {
        Set<String> list =
                DictionaryUtil.loadUnrankedDictionary(DictionaryUtil.passwords).keySet();
        this.listed = list.size();
        // Matching ignores case, so "Password" and "password" collapse into one entry here.
        this.passwords = Set.copyOf(
                list.stream().map(password -> password.toLowerCase(Locale.ROOT)).toList());
    }

    /** How many passwords the shipped list holds. */
    public int size() {
        return listed;
    }

    /** How many distinct passwords remain once case is ignored. */
    public int distinctIgnoringCase() {
        return passwords.size();
    }

    /**
     * Whether {@code password} is on the list, ignoring case, or is a listed password with only digits and symbols
     * added before or after it ({@code Password2024!}), the usual way people stretch a common password to a length
     * rule.
     */
    public boolean isCommon(String password) {
        String lower = password.toLowerCase(Locale.ROOT);
        if (passwords.contains(lower)) {
            return true;
        }
        String core = lower.replaceAll("^[^\\p{L}]+|[^\\p{L}]+$", "");
        return core.length() >= 4 && !core.equals(lower) && passwords.contains(core);
    }
}
