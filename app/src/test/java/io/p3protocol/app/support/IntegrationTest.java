package io.p3protocol.app.support;

import io.p3protocol.app.P3Application;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole service on a random port, on the embedded default: a real PostgreSQL (zonky) under a fresh data
 * directory for this test JVM. Every test class with this annotation shares one context (and one database), so
 * tests create their own tenants and never assume an empty store.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = P3Application.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"p3.admin-key=" + TestApi.ADMIN_KEY, "p3.data-dir=${java.io.tmpdir}/p3-it-${random.uuid}"})
@ActiveProfiles("test")
public @interface IntegrationTest {
}
