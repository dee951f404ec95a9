package db.migration;

import com.gopherpay.identity.user.EmailAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-keys accounts stored before email domains were mapped with UTS #46: their {@code email} kept a Unicode domain and
 * {@code email_canonical} was only lower-cased, so {@code ada@bücher.test} would not collide with
 * {@code ada@xn--bcher-kva.test} registered now. SQL cannot do the IDNA mapping, hence Java, with the service's own
 * {@link EmailAddress} rules.
 *
 * <p>Only rows whose key holds non-ASCII characters can differ (for ASCII addresses folding equals lower-casing). A
 * row is left as it is when its address is no longer accepted (a non-ASCII local part: it could not be delivered
 * anyway) or when another account already holds its new key (the unique index must keep holding; such pairs are
 * logged by id for a person to resolve).
 */
public class V3__Email_keys_under_uts46 extends BaseJavaMigration {

    private static final Logger log = LoggerFactory.getLogger(V3__Email_keys_under_uts46.class);

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        List<String[]> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                        "SELECT id::text, email FROM users WHERE octet_length(email_canonical) <> length(email_canonical)");
                ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                rows.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        int rekeyed = 0;
        int unreachable = 0;
        try (PreparedStatement update =
                connection.prepareStatement("UPDATE users SET email = ?, email_canonical = ? WHERE id = ?::uuid"
                        + " AND NOT EXISTS (SELECT 1 FROM users other WHERE other.email_canonical = ?)")) {
            for (String[] row : rows) {
                EmailAddress address = EmailAddress.parse(row[1]).orElse(null);
                if (address == null) {
                    unreachable++;
                    continue;
                }
                update.setString(1, address.value());
                update.setString(2, address.canonical());
                update.setString(3, row[0]);
                update.setString(4, address.canonical());
                if (update.executeUpdate() == 1) {
                    rekeyed++;
                } else {
                    log.warn(
                            "Account {} keeps its old email key: another account already has its UTS #46 form", row[0]);
                }
            }
        }
        log.info(
                "Email keys under UTS #46: {} re-keyed, {} left with a local part that is no longer accepted",
                rekeyed,
                unreachable);
    }
}
