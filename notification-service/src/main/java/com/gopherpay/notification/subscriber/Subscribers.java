package com.gopherpay.notification.subscriber;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Subscribers per environment, with Novu's just-in-time upsert. */
@Repository
public class Subscribers {

    /** Novu field name → column; {@code data} is JSONB and handled apart. */
    private static final Map<String, String> COLUMNS = Map.of(
            "email", "email",
            "firstName", "first_name",
            "lastName", "last_name",
            "phone", "phone",
            "avatar", "avatar",
            "locale", "locale",
            "timezone", "timezone");

    private final JdbcClient jdbc;
    private final JsonMapper json;

    Subscribers(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Creates the subscriber or overwrites exactly the present fields, in one statement; returns the result. */
    public Subscriber upsert(String environmentId, SubscriberChanges changes, Instant now) {
        List<String> sets = new ArrayList<>();
        sets.add("updated_at = EXCLUDED.updated_at");
        StringBuilder columns = new StringBuilder("environment_id, subscriber_id, created_at, updated_at");
        StringBuilder values = new StringBuilder(":env, :id, :now, :now");
        Map<String, Object> params = new HashMap<>();
        for (Map.Entry<String, Object> field : changes.fields().entrySet()) {
            String column = COLUMNS.get(field.getKey());
            if (column != null) {
                columns.append(", ").append(column);
                values.append(", :").append(column);
                sets.add(column + " = EXCLUDED." + column);
                params.put(column, field.getValue() == null ? null : String.valueOf(field.getValue()));
            } else if ("data".equals(field.getKey())) {
                columns.append(", data");
                values.append(", CAST(:data AS JSONB)");
                sets.add("data = EXCLUDED.data");
                params.put("data", field.getValue() == null ? null : json.writeValueAsString(field.getValue()));
            }
        }
        String sql = "INSERT INTO subscribers (" + columns + ") VALUES (" + values + ")"
                + " ON CONFLICT (environment_id, subscriber_id) DO UPDATE SET " + String.join(", ", sets)
                + " RETURNING *";
        params.put("env", environmentId);
        params.put("id", changes.subscriberId());
        params.put("now", Timestamp.from(now));
        return jdbc.sql(sql).params(params).query(this::map).single();
    }

    public Optional<Subscriber> find(String environmentId, String subscriberId) {
        return jdbc.sql("SELECT * FROM subscribers WHERE environment_id = :env AND subscriber_id = :id")
                .param("env", environmentId)
                .param("id", subscriberId)
                .query(this::map)
                .optional();
    }

    private Subscriber map(ResultSet rs, int row) throws SQLException {
        String data = rs.getString("data");
        return new Subscriber(
                rs.getString("subscriber_id"),
                rs.getString("email"),
                rs.getString("first_name"),
                rs.getString("last_name"),
                rs.getString("phone"),
                rs.getString("avatar"),
                rs.getString("locale"),
                rs.getString("timezone"),
                data == null ? null : json.readValue(data, new TypeReference<Map<String, Object>>() {}));
    }
}
