package dev.magpie.admin.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import dev.magpie.engines.CapturedMail;
import dev.magpie.engines.MailCapture;
import dev.magpie.shared.Ids;
import jakarta.mail.internet.MimeMessage;
import dev.magpie.tenancy.AccountDirectory;
import dev.magpie.tenancy.AccountView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The operators' pages end to end, against the real engines: signing in apart from marketers, the
 * accounts table, suspending and resuming a store, the health page and changing the password.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
class AdminPagesTests {

    static final String PASSWORD = "operator-secret-1";

    final MockMvc mvc;

    final OperatorRepository operators;

    final PasswordEncoder passwordEncoder;

    final AccountDirectory accounts;

    final PlatformTransactionManager transactionManager;

    final JavaMailSender mailSender;

    final MailCapture mailCapture;

    @Autowired
    AdminPagesTests(MockMvc mvc, OperatorRepository operators, PasswordEncoder passwordEncoder,
            AccountDirectory accounts, PlatformTransactionManager transactionManager, JavaMailSender mailSender,
            MailCapture mailCapture) {
        this.mvc = mvc;
        this.operators = operators;
        this.passwordEncoder = passwordEncoder;
        this.accounts = accounts;
        this.transactionManager = transactionManager;
        this.mailSender = mailSender;
        this.mailCapture = mailCapture;
    }

    String username;

    @BeforeEach
    void operator() {
        username = "ops-" + Ids.newId().toLowerCase();
        operators.save(new Operator(username, passwordEncoder.encode(PASSWORD), Instant.now()));
    }

    @Test
    void operatorSeesEveryAccountWithItsUsage() throws Exception {
        Marketer store = signUp("Acorn Outfitters");
        createApiKey(store);
        MockHttpSession operator = signInOperator();

        String page = page(operator, "/admin");

        String row = row(page, store.accountId());
        assertThat(row).contains("Acorn Outfitters", store.accountId(), "Active", "Suspend");
        assertThat(cells(row).subList(4, 6)).as("members, active API keys").containsExactly("1", "1");
        assertThat(page).contains("href=\"/admin/system\"");
    }

    @Test
    void suspendingAStoreLocksOutItsMembersAndKeysUntilItIsResumed() throws Exception {
        Marketer store = signUp("Birch & Bramble");
        String key = createApiKey(store);
        assertThat(apiStatus(key, "/api/accounts")).isEqualTo(200);
        MockHttpSession operator = signInOperator();

        MvcResult suspended = mvc.perform(post("/admin/accounts/{id}/suspend", store.accountId())
            .session(operator)
            .with(csrf())).andReturn();

        assertThat(suspended.getResponse().getRedirectedUrl()).isEqualTo("/admin");
        assertThat(suspended.getFlashMap().get("flashCode")).isEqualTo("admin.accounts.suspended");
        String page = page(operator, "/admin");
        assertThat(page).contains("Birch &amp; Bramble is suspended");
        assertThat(row(page, store.accountId())).contains("Suspended", "Resume");
        assertThat(accounts.find(store.accountId())).map(AccountView::suspended).contains(true);
        assertThat(apiStatus(key, "/api/accounts")).isEqualTo(401);
        assertThat(redirectOf(store.session(), "/")).endsWith("/no-account");

        mvc.perform(post("/admin/accounts/{id}/resume", store.accountId()).session(operator).with(csrf()));

        assertThat(row(page(operator, "/admin"), store.accountId())).contains("Active");
        // Another endpoint than the first call: Get Accounts allows one call per second per key and endpoint.
        assertThat(apiStatus(key, "/api/accounts/" + store.accountId())).isEqualTo(200);
        assertThat(status(store.session(), "/")).isEqualTo(200);
    }

    @Test
    void suspendingNeedsTheFormsCsrfToken() throws Exception {
        Marketer store = signUp("Cedar Goods");
        MockHttpSession operator = signInOperator();

        int status = mvc.perform(post("/admin/accounts/{id}/suspend", store.accountId()).session(operator))
            .andReturn()
            .getResponse()
            .getStatus();

        assertThat(status).isEqualTo(403);
        assertThat(accounts.find(store.accountId())).map(AccountView::suspended).contains(false);
    }

    @Test
    void anUnknownAccountIsNotFound() throws Exception {
        MockHttpSession operator = signInOperator();

        int status = mvc.perform(post("/admin/accounts/{id}/suspend", "01NOSUCHACCOUNT000000000000")
            .session(operator)
            .with(csrf())).andReturn().getResponse().getStatus();

        assertThat(status).isEqualTo(404);
    }

    @Test
    void aMarketerCannotOpenTheOperatorsPages() throws Exception {
        Marketer store = signUp("Dahlia Home");

        assertThat(redirectOf(store.session(), "/admin")).endsWith("/admin/signin");
        assertThat(redirectOf(store.session(), "/admin/system")).endsWith("/admin/signin");
        mvc.perform(post("/admin/accounts/{id}/suspend", store.accountId()).session(store.session()).with(csrf()));
        assertThat(accounts.find(store.accountId())).map(AccountView::suspended).contains(false);
    }

    @Test
    void aMarketersPasswordDoesNotSignInAsOperator() throws Exception {
        Marketer store = signUp("Elm Street Books");

        MvcResult result = mvc.perform(formLogin("/admin/signin").user(store.email()).password(Marketer.PASSWORD))
            .andReturn();

        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/admin/signin?error");
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        MvcResult result = mvc.perform(formLogin("/admin/signin").user(username).password("not-the-password"))
            .andReturn();

        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/admin/signin?error");
        assertThat(page(new MockHttpSession(), "/admin/signin?error"))
            .contains("That username and password do not match an operator.");
    }

    @Test
    void anOperatorIsNotAMarketer() throws Exception {
        MockHttpSession operator = signInOperator();

        assertThat(redirectOf(operator, "/")).endsWith("/signin");
        assertThat(redirectOf(operator, "/settings/api-keys")).endsWith("/signin");
    }

    @Test
    void oneBrowserCanHoldBothSignInsAndSignOutOfOneOnly() throws Exception {
        Marketer store = signUp("Fern & Fable");
        MockHttpSession both = store.session();
        mvc.perform(post("/admin/signin").session(both).with(csrf())
            .param("username", username)
            .param("password", PASSWORD));

        assertThat(status(both, "/admin")).isEqualTo(200);
        assertThat(status(both, "/")).isEqualTo(200);

        MvcResult signedOut = mvc.perform(post("/admin/signout").session(both).with(csrf())).andReturn();

        assertThat(signedOut.getResponse().getRedirectedUrl()).isEqualTo("/admin/signin?signedOut");
        assertThat(redirectOf(both, "/admin")).endsWith("/admin/signin");
        assertThat(status(both, "/")).isEqualTo(200);
    }

    @Test
    void theSystemPageShowsEachEnginesHealthAndTheMonitoringLinks() throws Exception {
        MockHttpSession operator = signInOperator();

        String page = page(operator, "/admin/system");

        assertThat(page).contains("id=\"overall-status\"");
        for (String engine : new String[] { "db", "cassandra", "rabbit", "mail" }) {
            assertThat(row(page, "health-" + engine)).as(engine).contains(">UP<");
        }
        assertThat(row(page, "health-db")).contains("MySQL");
        assertThat(page).contains("href=\"/actuator/health\"", "href=\"/actuator/prometheus\"");
    }

    @Test
    void theDevInboxShowsTheEmailMagpieSent() throws Exception {
        String subject = "Your order is on its way " + Ids.newId();
        MimeMessage email = mailSender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(email, true, "UTF-8");
        helper.setFrom("Magpie Store <news@store.example>");
        helper.setTo("ann@example.com");
        helper.setSubject(subject);
        helper.setText("Hello Ann, your parcel left today.",
                "<p style=\"color:#333\">Hello <b>Ann</b> &amp; co</p><script>alert('hi')</script>");
        mailSender.send(email);
        MockHttpSession operator = signInOperator();

        String id = arrived(subject).id();

        String inbox = page(operator, "/admin/inbox");
        assertThat(row(inbox, "mail-" + id)).contains(subject, "ann@example.com", "news@store.example");
        assertThat(page(operator, "/admin")).contains("href=\"/admin/inbox\"");

        MvcResult shown = mvc.perform(get("/admin/inbox/{id}", id).session(operator)).andReturn();
        String message = shown.getResponse().getContentAsString();
        assertThat(message).contains(subject, "Hello Ann, your parcel left today.", "Content-Type")
            .contains("sandbox=\"allow-popups allow-popups-to-escape-sandbox\"")
            .contains("srcdoc=\"&lt;p style=&quot;color:#333&quot;&gt;Hello &lt;b&gt;Ann&lt;/b&gt; &amp;amp; co&lt;/p&gt;")
            .doesNotContain("<script>alert");
        assertThat(shown.getResponse().getHeader("Content-Security-Policy")).contains("script-src 'self'");
        assertThat(status(operator, "/admin/inbox/no-such-message")).isEqualTo(404);
    }

    @Test
    void anOperatorCanChangeTheirPassword() throws Exception {
        MockHttpSession operator = signInOperator();

        MvcResult wrong = mvc.perform(post("/admin/password").session(operator).with(csrf())
            .param("currentPassword", "not-it")
            .param("newPassword", "a-brand-new-password")).andReturn();
        assertThat(wrong.getResponse().getContentAsString()).contains("That is not your current password.");

        mvc.perform(post("/admin/password").session(operator).with(csrf())
            .param("currentPassword", PASSWORD)
            .param("newPassword", "a-brand-new-password"));

        assertThat(mvc.perform(formLogin("/admin/signin").user(username).password(PASSWORD)).andReturn()
            .getResponse().getRedirectedUrl()).isEqualTo("/admin/signin?error");
        assertThat(mvc.perform(formLogin("/admin/signin").user(username).password("a-brand-new-password"))
            .andReturn().getResponse().getRedirectedUrl()).isEqualTo("/admin");
    }

    @Test
    void theFirstOperatorIsCreatedOnceWithTheConfiguredPassword() {
        operators.deleteAll();
        OperatorBootstrap bootstrap = bootstrap(new AdminProperties("first-operator", "configured-password"));

        bootstrap.run(null);
        bootstrap(new AdminProperties("first-operator", "another-password")).run(null);

        assertThat(operators.findAll()).singleElement().satisfies(created -> {
            assertThat(created.username()).isEqualTo("first-operator");
            assertThat(passwordEncoder.matches("configured-password", created.passwordHash())).isTrue();
        });
    }

    private OperatorBootstrap bootstrap(AdminProperties properties) {
        return new OperatorBootstrap(properties, operators, passwordEncoder, transactionManager,
                Clock.systemUTC());
    }

    private CapturedMail arrived(String subject) throws InterruptedException {
        for (int attempt = 0; attempt < 50; attempt++) {
            var found = mailCapture.recent(InboxController.SHOWN).stream()
                .filter(mail -> mail.subject().equals(subject))
                .findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No email with subject " + subject);
    }

    private MockHttpSession signInOperator() throws Exception {
        MvcResult result = mvc.perform(formLogin("/admin/signin").user(username).password(PASSWORD)).andReturn();
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/admin");
        return (MockHttpSession) result.getRequest().getSession(false);
    }

    private Marketer signUp(String storeName) throws Exception {
        String email = "owner-" + Ids.newId().toLowerCase() + "@example.com";
        MvcResult result = mvc.perform(post("/signup").session(new MockHttpSession()).with(csrf())
            .param("accountName", storeName)
            .param("name", "Store Owner")
            .param("email", email)
            .param("password", Marketer.PASSWORD)).andReturn();
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/");
        MockHttpSession session = (MockHttpSession) result.getRequest().getSession(false);
        String accountId = accounts.usage().stream()
            .map(usage -> usage.account())
            .filter(account -> account.name().equals(storeName))
            .map(AccountView::id)
            .findFirst()
            .orElseThrow();
        return new Marketer(email, session, accountId);
    }

    /** Creates a private API key as the store's owner would, and returns it as shown once. */
    private String createApiKey(Marketer store) throws Exception {
        MvcResult result = mvc.perform(post("/settings/api-keys").session(store.session()).with(csrf())
            .param("name", "Store backend")
            .param("access[accounts]", "read")
            .param("access[profiles]", "write")
            .param("access[events]", "write")).andReturn();
        Object key = result.getFlashMap().get("newKey");
        assertThat(key).as("the new key").isInstanceOf(String.class);
        return (String) key;
    }

    /** What the store's backend gets when it calls the API with its key. */
    private int apiStatus(String key, String path) throws Exception {
        return mvc.perform(get(path)
            .header("Authorization", "Klaviyo-API-Key " + key)
            .header("revision", "2025-01-15")
            .accept("application/vnd.api+json")).andReturn().getResponse().getStatus();
    }

    private String page(MockHttpSession session, String path) throws Exception {
        MvcResult result = mvc.perform(get(path).session(session)).andReturn();
        assertThat(result.getResponse().getStatus()).as(path).isEqualTo(200);
        return result.getResponse().getContentAsString();
    }

    private int status(MockHttpSession session, String path) throws Exception {
        return mvc.perform(get(path).session(session)).andReturn().getResponse().getStatus();
    }

    private String redirectOf(MockHttpSession session, String path) throws Exception {
        MvcResult result = mvc.perform(get(path).session(session)).andReturn();
        assertThat(result.getResponse().getStatus()).as(path).isEqualTo(302);
        return result.getResponse().getRedirectedUrl();
    }

    /** The table row whose id ends with {@code idSuffix}, as HTML. */
    static String row(String page, String idSuffix) {
        int id = page.indexOf(idSuffix + "\"");
        assertThat(id).as("row " + idSuffix).isPositive();
        int start = page.lastIndexOf("<tr", id);
        return page.substring(start, page.indexOf("</tr>", id));
    }

    /** The text of a row's cells, in order. */
    static List<String> cells(String row) {
        return Arrays.stream(row.split("<td"))
            .skip(1)
            .map(cell -> cell.substring(cell.indexOf('>') + 1).replaceAll("<[^>]*>", " ").strip())
            .toList();
    }

    /** A store owner signed in to the marketer UI. */
    private record Marketer(String email, MockHttpSession session, String accountId) {

        static final String PASSWORD = "owner-password-1";
    }
}
