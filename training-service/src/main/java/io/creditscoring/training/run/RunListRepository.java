package io.creditscoring.training.run;

import io.creditscoring.model.CreditJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;

/** The run list: filtered, searched and paged in PostgreSQL, newest first. */
@Repository
class RunListRepository {

    private final JdbcClient jdbc;

    RunListRepository(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    RunPage page(RunFilter filter, int page, int size) {
        List<Object> params = new ArrayList<>();
        String where = where(filter, params);
        long total = jdbc.sql("select count(*) from training.runs r" + where)
                .params(params)
                .query(Long.class)
                .single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(size);
        pageParams.add((long) page * size);
        List<RunSummary> runs = jdbc.sql("""
                        select r.run_id, r.portfolio, r.status, r.reason, r.engine, r.requested_by, r.algorithms,
                               r.overrides::text as overrides, r.selected_algorithm, r.failure_reason, r.created_at,
                               r.finished_at, m.model_version as selected_version, a.value as selected_auc
                        from training.runs r
                        left join training.run_models m
                               on m.run_id = r.run_id and m.algorithm = r.selected_algorithm
                        left join training.run_metrics a
                               on a.run_id = r.run_id and a.scope = r.selected_algorithm and a.name = 'auc'
                        """ + where + " order by r.created_at desc, r.run_id limit ? offset ?")
                .params(pageParams)
                .query((rs, i) -> summary(rs))
                .list();
        return new RunPage(runs, page, size, total);
    }

    private static String where(RunFilter filter, List<Object> params) {
        List<String> conditions = new ArrayList<>();
        if (filter.portfolio() != null) {
            conditions.add("r.portfolio = ?");
            params.add(filter.portfolio());
        }
        if (filter.status() != null) {
            conditions.add("r.status = ?");
            params.add(filter.status().name());
        }
        if (filter.engine() != null) {
            conditions.add("r.engine = ?");
            params.add(filter.engine());
        }
        if (filter.from() != null) {
            conditions.add("r.created_at >= ?");
            params.add(Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            conditions.add("r.created_at < ?");
            params.add(Timestamp.from(filter.to()));
        }
        if (filter.text() != null) {
            // the searched text is a literal: LIKE's wildcards in it match themselves
            String pattern = "%"
                    + filter.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            conditions.add("""
                    (r.run_id::text ilike ? or r.reason ilike ? or r.requested_by ilike ? or r.command_id ilike ?
                     or r.failure_reason ilike ? or r.promotion_decision ilike ?
                     or exists (select 1 from jsonb_each_text(r.overrides) o where o.key || '=' || o.value ilike ?)
                     or exists (select 1 from training.run_params p
                                where p.run_id = r.run_id and p.name || '=' || p.value ilike ?))""");
            for (int i = 0; i < 8; i++) {
                params.add(pattern);
            }
        }
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    private static RunSummary summary(ResultSet rs) throws SQLException {
        Timestamp finished = rs.getTimestamp("finished_at");
        return new RunSummary(
                rs.getObject("run_id", UUID.class),
                rs.getString("portfolio"),
                RunStatus.valueOf(rs.getString("status")),
                rs.getString("reason"),
                rs.getString("engine"),
                rs.getString("requested_by"),
                Arrays.asList((String[]) rs.getArray("algorithms").getArray()),
                CreditJson.json().readValue(rs.getString("overrides"), new TypeReference<>() {}),
                rs.getString("selected_algorithm"),
                (Integer) rs.getObject("selected_version"),
                (Double) rs.getObject("selected_auc"),
                rs.getString("failure_reason"),
                rs.getTimestamp("created_at").toInstant(),
                finished == null ? null : finished.toInstant());
    }
}
