package dev.wharf.platform;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Wharf platform: gateway, REST API, persistence and metrics in one Spring Boot application. */
@SpringBootApplication
public class WharfApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("serve")) { // developer mode: one component, no database
            dev.wharf.platform.serve.ServeApplication.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        SpringApplication.run(WharfApplication.class, args);
    }
}
