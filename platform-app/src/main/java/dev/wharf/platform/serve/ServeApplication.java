package dev.wharf.platform.serve;

import dev.wharf.engine.ComponentException;
import dev.wharf.engine.Engine;
import dev.wharf.platform.gateway.GatewayComponent;
import dev.wharf.wasi.config.WasiConfigPlugin;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Profile;

/**
 * Developer mode, {@code ./wharf serve component.wasm [--port 8080] [--config app.properties]}: serves one
 * component file at every path and method, with no database and no control plane (the JDBC and Flyway
 * auto-configuration are excluded and nothing of {@code dev.wharf.platform} but the gateway is loaded). The host
 * plugins are there ({@link ServePlugins}): wasi:keyvalue in memory, wasi:config from the {@code --config} file.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration(excludeName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceInitializationAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.metrics.DataSourcePoolMetricsAutoConfiguration",
        "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
        "org.springframework.boot.flyway.autoconfigure.FlywayEndpointAutoConfiguration"})
@Profile(ServeApplication.PROFILE)
@Import(ServeConfiguration.class)
public class ServeApplication {

    /** Only this mode activates it, so the full application's component scan skips this class. */
    public static final String PROFILE = "serve";

    /** Exit code for bad usage or an unusable component file. */
    public static final int USAGE_ERROR = 2;

    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message, null, false, false);
        }
    }

    public static void main(String[] args) {
        try {
            start(args);
        } catch (UsageException e) {
            System.err.println("wharf serve: " + e.getMessage());
            System.exit(USAGE_ERROR);
        }
    }

    /**
     * Reads and prepares the component, then starts the server (it runs until the context closes).
     *
     * @param args {@code <file.wasm> [--port N] [--wharf.serve.name=value ...] [--spring.option=value ...]}
     * @throws UsageException bad arguments, or a file that is not a usable wasi:http component
     */
    public static ConfigurableApplicationContext start(String... args) throws UsageException {
        Path file = null;
        List<String> springArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--port") || a.equals("-p")) {
                if (i + 1 >= args.length || !args[i + 1].matches("\\d{1,5}")) {
                    throw new UsageException("--port needs a port number");
                }
                springArgs.add("--server.port=" + args[++i]);
            } else if (a.startsWith("--port=")) {
                springArgs.add("--server.port=" + a.substring("--port=".length()));
            } else if (a.equals("--config")) {
                if (i + 1 >= args.length) {
                    throw new UsageException("--config needs a properties file");
                }
                springArgs.add("--" + WasiConfigPlugin.FILE_PROPERTY + "=" + configFile(args[++i]));
            } else if (a.startsWith("--config=")) {
                springArgs.add("--" + WasiConfigPlugin.FILE_PROPERTY + "=" + configFile(a.substring("--config=".length())));
            } else if (a.startsWith("--") && a.contains("=")) {
                springArgs.add(a);
            } else if (a.startsWith("-")) {
                throw new UsageException("unknown option " + a + " (usage: wharf serve <component.wasm> [--port N] [--config FILE])");
            } else if (file == null) {
                file = Path.of(a);
            } else {
                throw new UsageException("only one component file can be served (got " + file + " and " + a + ")");
            }
        }
        if (file == null) {
            throw new UsageException("missing the component file (usage: wharf serve <component.wasm> [--port N])");
        }
        Map<String, String> options = options(springArgs);
        ServeProperties properties = bind(options);
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw new UsageException(file + " is a directory, not a component file");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UsageException(file + ": no such file");
        } catch (IOException e) {
            throw new UsageException(file + ": cannot read it (" + e.getMessage() + ")");
        }
        Engine engine = Engine.create();
        ServePlugins plugins;
        try {
            plugins = ServePlugins.prepare(engine, file.getFileName().toString(), bytes, options,
                    ServeConfiguration.hostConfig(), properties.limits());
        } catch (ComponentException | IllegalArgumentException e) {
            engine.close();
            throw new UsageException(file + " is not a usable wasi:http component: " + oneLine(e.getMessage()));
        } catch (IllegalStateException e) {
            engine.close();
            throw new UsageException("a host plugin cannot start: " + oneLine(e.getMessage()));
        }
        GatewayComponent component = plugins.component();
        SpringApplication app = new SpringApplication(ServeApplication.class);
        app.setAdditionalProfiles(PROFILE);
        Path served = file;
        app.addInitializers(ctx -> {
            ctx.getBeanFactory().registerSingleton("wharfEngine", engine);
            ctx.getBeanFactory().registerSingleton("gatewayComponent", component);
            // a registered singleton gets no destroy callback of its own: close the plugin bindings with the context
            ((DefaultListableBeanFactory) ctx.getBeanFactory()).registerDisposableBean("servePlugins", plugins::close);
            ctx.getBeanFactory().registerSingleton("servedFile", new ServeConfiguration.ServedFile(served));
        });
        ConfigurableApplicationContext context = app.run(springArgs.toArray(String[]::new));
        context.registerShutdownHook();
        return context;
    }

    private static Map<String, String> options(List<String> springArgs) {
        Map<String, String> map = new HashMap<>();
        for (String a : springArgs) {
            int eq = a.indexOf('=');
            map.put(a.substring(2, eq), a.substring(eq + 1));
        }
        return map;
    }

    /** The {@code --config} file, checked now so that a typo is a usage error rather than a guest-visible one. */
    private static String configFile(String name) throws UsageException {
        Path path = Path.of(name);
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new UsageException("--config " + name + ": no such readable file (a Java properties file, UTF-8)");
        }
        return path.toAbsolutePath().toString();
    }

    private static ServeProperties bind(Map<String, String> map) throws UsageException {
        try {
            return new Binder(new MapConfigurationPropertySource(map))
                    .bindOrCreate("wharf.serve", ServeProperties.class);
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new UsageException("invalid option: " + oneLine(root.getMessage()));
        }
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        return s.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    static void announce(PrintStream out, Path file, int port) {
        out.println("Serving " + file + " at http://127.0.0.1:" + port + "/");
        out.flush();
    }
}
