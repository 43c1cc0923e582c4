package dev.magpie.admin.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import dev.magpie.shared.Ids;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The actuator over real HTTP, as a load balancer's probe and a Prometheus scraper call it: health is
 * public without details, everything else needs an operator.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
class ActuatorSecurityTests {

    static final String PASSWORD = "scraper-secret-1";

    final int port;

    final OperatorRepository operators;

    final PasswordEncoder passwordEncoder;

    @Autowired
    ActuatorSecurityTests(@LocalServerPort int port, OperatorRepository operators, PasswordEncoder passwordEncoder) {
        this.port = port;
        this.operators = operators;
        this.passwordEncoder = passwordEncoder;
    }

    final HttpClient http = HttpClient.newHttpClient();

    String username;

    @BeforeEach
    void operator() {
        username = "scraper-" + Ids.newId().toLowerCase();
        operators.save(new Operator(username, passwordEncoder.encode(PASSWORD), Instant.now()));
    }

    @Test
    void probesSeeTheStatusWithoutDetails() throws Exception {
        HttpResponse<String> health = call("/actuator/health", null);

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("cassandra", "rabbit");
        assertThat(call("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        assertThat(call("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
    }

    @Test
    void operatorsSeeTheHealthOfEachEngine() throws Exception {
        HttpResponse<String> health = call("/actuator/health", basic(username, PASSWORD));

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"db\"", "\"cassandra\"", "\"rabbit\"", "\"mail\"");
    }

    @Test
    void prometheusNeedsAnOperator() throws Exception {
        HttpResponse<String> anonymous = call("/actuator/prometheus", null);
        HttpResponse<String> wrongPassword = call("/actuator/prometheus", basic(username, "wrong-password"));
        HttpResponse<String> operator = call("/actuator/prometheus", basic(username, PASSWORD));

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Basic"));
        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(operator.statusCode()).isEqualTo(200);
        assertThat(operator.body()).contains("jvm_memory_used_bytes");
        assertThat(operator.headers().firstValue("Set-Cookie")).as("a scrape keeps no session").isEmpty();
    }

    @Test
    void metricsNeedAnOperator() throws Exception {
        assertThat(call("/actuator/metrics", null).statusCode()).isEqualTo(401);
        assertThat(call("/actuator/metrics", basic(username, PASSWORD)).statusCode()).isEqualTo(200);
    }

    @Test
    void theOperatorsPagesSendBrowsersToTheirSignIn() throws Exception {
        HttpResponse<String> admin = call("/admin", null);

        assertThat(admin.statusCode()).isEqualTo(302);
        assertThat(admin.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/admin/signin"));
        HttpResponse<String> signIn = call("/admin/signin", null);
        assertThat(signIn.statusCode()).isEqualTo(200);
        assertThat(signIn.body()).contains("Operator sign-in", "name=\"_csrf\"");
    }

    private HttpResponse<String> call(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String username, String password) {
        return "Basic " + Base64.getEncoder()
            .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
