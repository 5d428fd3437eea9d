package dev.wharf.platform.testing;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the API tests: the whole platform on a random port, over real loopback HTTP, on a fresh database of the
 * shared embedded PostgreSQL (each test class gets its own context and database).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"wharf.admin-token=" + ApiTest.ADMIN, "wharf.components.max-size=64KB"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public abstract class ApiTest {
    public static final String ADMIN = "test-admin-token";
    public static final int MAX_SIZE = 64 * 1024;

    @LocalServerPort
    protected int port;

    protected ApiClient api;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }
}
