package dev.wharf.platform.logs;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code app_logs} table (V6 migration). Blocking JDBC. */
public class AppLogStore {

    /** One line as stored. */
    public record Line(long id, OffsetDateTime at, String stream, String line) {}

    /** One line to store. */
    record Pending(String tenant, String app, Instant at, String stream, String line) {}

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    public AppLogStore(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** Stores a batch in one round trip; lines of tenants deleted meanwhile are skipped. */
    void insert(List<Pending> batch) {
        template.batchUpdate("INSERT INTO app_logs (tenant, app, at, stream, line) SELECT ?, ?, ?, ?, ? "
                        + "WHERE EXISTS (SELECT 1 FROM tenants WHERE name = ?)",
                batch, batch.size(), (ps, p) -> {
                    ps.setString(1, p.tenant());
                    ps.setString(2, p.app());
                    ps.setTimestamp(3, Timestamp.from(p.at()));
                    ps.setString(4, p.stream());
                    ps.setString(5, p.line());
                    ps.setString(6, p.tenant());
                });
    }

    /** Keeps the newest {@code keep} lines of the app. */
    void trim(String tenant, String app, int keep) {
        jdbc.sql("DELETE FROM app_logs WHERE tenant = ? AND app = ? AND id <= (SELECT id FROM app_logs "
                        + "WHERE tenant = ? AND app = ? ORDER BY id DESC OFFSET ? LIMIT 1)")
                .param(tenant).param(app).param(tenant).param(app).param(keep).update();
    }

    /** Drops every line written before {@code before}. */
    int expire(Instant before) {
        return jdbc.sql("DELETE FROM app_logs WHERE at < ?").param(Timestamp.from(before)).update();
    }

    /**
     * Lines of one app in the order written: the newest {@code limit} when {@code after} is null, else up to
     * {@code limit} lines that came after the line with id {@code after} (polling for new lines).
     */
    public List<Line> read(String tenant, String app, Long after, int limit) {
        if (after == null) {
            List<Line> newest = jdbc.sql("SELECT id, at, stream, line FROM app_logs WHERE tenant = ? AND app = ? "
                            + "ORDER BY id DESC LIMIT ?")
                    .param(tenant).param(app).param(limit).query(AppLogStore::line).list();
            return newest.reversed();
        }
        return jdbc.sql("SELECT id, at, stream, line FROM app_logs WHERE tenant = ? AND app = ? AND id > ? "
                        + "ORDER BY id LIMIT ?")
                .param(tenant).param(app).param(after).param(limit).query(AppLogStore::line).list();
    }

    private static Line line(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Line(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3), rs.getString(4));
    }
}
