package dev.wharf.platform;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Wharf platform: gateway, REST API, persistence and metrics in one Spring Boot application. */
@SpringBootApplication
public class WharfApplication {

    public static void main(String[] args) {
        SpringApplication.run(WharfApplication.class, args);
    }
}
