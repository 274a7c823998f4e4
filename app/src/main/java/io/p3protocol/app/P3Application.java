package io.p3protocol.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The P3 advanced-systems service: command REST, query GraphQL, audit export and compliance reports. */
@SpringBootApplication(scanBasePackages = "io.p3protocol")
@EnableScheduling
public class P3Application {
    public static void main(String[] args) {
        SpringApplication.run(P3Application.class, args);
    }
}
