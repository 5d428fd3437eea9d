package dev.wharf.srctest.conformance;

import dev.wharf.platform.serve.ServeApplication;
import java.net.URI;
import java.nio.file.Path;
import org.springframework.context.ConfigurableApplicationContext;

/** Wharf's developer mode ({@code ./wharf serve}) in this JVM, exactly as the launcher starts it, on a free port. */
final class WharfServe implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private WharfServe(ConfigurableApplicationContext context) {
        this.context = context;
    }

    static WharfServe start(Path component) throws Exception {
        return new WharfServe(ServeApplication.start(component.toString(), "--port=0"));
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port") + "/");
    }

    @Override
    public void close() {
        context.close();
    }
}
