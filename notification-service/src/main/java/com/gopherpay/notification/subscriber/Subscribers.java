package com.gopherpay.notification.subscriber;

import com.gopherpay.notification.shared.SqlTimestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
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
    private final NamedParameterJdbcTemplate batchJdbc;
    private final JsonMapper json;

    Subscribers(JdbcClient jdbc, NamedParameterJdbcTemplate batchJdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.batchJdbc = batchJdbc;
        this.json = json;
    }

    /**
     * Creates each subscriber or overwrites exactly its present fields, in the given order, in as few round trips as
     * possible: consecutive changes that set the same fields go in one JDBC batch. Changes are applied in
     * subscriberId order (the given order among changes to one subscriber), so that two transactions upserting
     * overlapping subscribers lock them in the same order and cannot deadlock.
     *
     * @return the subscribers as these changes left them, by id, when that came back with the upsert (a single
     *     change, the common case of one trigger per request, is sent with {@code RETURNING}, which saves the
     *     {@link #findAll} round trip); empty otherwise
     */
    public Map<String, Subscriber> upsertAll(String environmentId, List<SubscriberChanges> changes, Instant now) {
        if (changes.size() == 1) {
            SubscriberChanges change = changes.get(0);
            Subscriber upserted = jdbc.sql(upsertSql(columnsOf(change)) + " RETURNING *")
                    .paramSource(parameters(environmentId, change, SqlTimestamps.of(now)))
                    .query(this::map)
                    .single();
            return Map.of(upserted.subscriberId(), upserted);
        }
        List<SubscriberChanges> ordered = changes.stream()
                .sorted(Comparator.comparing(SubscriberChanges::subscriberId))
                .toList();
        List<SubscriberChanges> run = new ArrayList<>();
        List<String> runColumns = null;
        for (SubscriberChanges change : ordered) {
            List<String> columns = columnsOf(change);
            if (!columns.equals(runColumns) && !run.isEmpty()) {
                upsertBatch(environmentId, run, runColumns, now);
                run.clear();
            }
            run.add(change);
            runColumns = columns;
        }
        if (!run.isEmpty()) {
            upsertBatch(environmentId, run, runColumns, now);
        }
        return Map.of();
    }

    /** The subscribers with these ids, by id; ids that do not exist are absent. */
    public Map<String, Subscriber> findAll(String environmentId, Collection<String> subscriberIds) {
        if (subscriberIds.isEmpty()) {
            return Map.of();
        }
        Map<String, Subscriber> found = new HashMap<>();
        jdbc.sql("SELECT * FROM subscribers WHERE environment_id = :env AND subscriber_id = ANY(:ids)")
                .param("env", environmentId)
                .param("ids", subscriberIds.stream().distinct().toArray(String[]::new))
                .query(this::map)
                .list()
                .forEach(subscriber -> found.put(subscriber.subscriberId(), subscriber));
        return found;
    }

    /** The columns a change writes, in a stable order; {@code data} is JSONB. */
    private static List<String> columnsOf(SubscriberChanges change) {
        List<String> columns = new ArrayList<>();
        for (String field : change.fields().keySet()) {
            String column = "data".equals(field) ? "data" : COLUMNS.get(field);
            if (column != null) {
                columns.add(column);
            }
        }
        columns.sort(null);
        return columns;
    }

    /** One INSERT … ON CONFLICT DO UPDATE for changes that all write the same columns, sent as one JDBC batch. */
    private void upsertBatch(String environmentId, List<SubscriberChanges> changes, List<String> written, Instant now) {
        Timestamp timestamp = SqlTimestamps.of(now);
        SqlParameterSource[] batch = new SqlParameterSource[changes.size()];
        for (int i = 0; i < changes.size(); i++) {
            batch[i] = parameters(environmentId, changes.get(i), timestamp);
        }
        batchJdbc.batchUpdate(upsertSql(written), batch);
    }

    private static String upsertSql(List<String> written) {
        List<String> sets = new ArrayList<>();
        sets.add("updated_at = EXCLUDED.updated_at");
        StringBuilder columns = new StringBuilder("environment_id, subscriber_id, created_at, updated_at");
        StringBuilder values = new StringBuilder(":env, :id, :now, :now");
        for (String column : written) {
            columns.append(", ").append(column);
            values.append("data".equals(column) ? ", CAST(:data AS JSONB)" : ", :" + column);
            sets.add(column + " = EXCLUDED." + column);
        }
        return "INSERT INTO subscribers (" + columns + ") VALUES (" + values + ")"
                + " ON CONFLICT (environment_id, subscriber_id) DO UPDATE SET " + String.join(", ", sets);
    }

    private MapSqlParameterSource parameters(String environmentId, SubscriberChanges change, Timestamp now) {
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("env", environmentId)
                .addValue("id", change.subscriberId())
                .addValue("now", now);
        for (Map.Entry<String, Object> field : change.fields().entrySet()) {
            Object value = field.getValue();
            if ("data".equals(field.getKey())) {
                params.addValue("data", value == null ? null : json.writeValueAsString(value), Types.VARCHAR);
            } else if (COLUMNS.containsKey(field.getKey())) {
                params.addValue(
                        COLUMNS.get(field.getKey()), value == null ? null : String.valueOf(value), Types.VARCHAR);
            }
        }
        return params;
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
