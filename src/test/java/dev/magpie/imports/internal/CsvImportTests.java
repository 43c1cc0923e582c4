package dev.magpie.imports.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.magpie.imports.internal.Stores.Store;
import dev.magpie.profiles.Channel;
import dev.magpie.profiles.Consent;
import dev.magpie.profiles.IdentifierKind;
import dev.magpie.profiles.Identifiers;
import dev.magpie.profiles.Profile;
import dev.magpie.profiles.ProfileAttributes;
import dev.magpie.profiles.Profiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * A store imports a CSV file against the real engines: good rows become profiles (with their custom properties,
 * typed, and email consent), bad ones land in the downloadable error report, and importing the same file again
 * updates the profiles instead of duplicating them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
class CsvImportTests {

    private static final String CSV = """
            Email,Phone,First Name,Last Name,City,VIP,Lifetime value,Signed up
            ada@acme.example,+14155550100,Ada,Lovelace,London,yes,120.50,2024-01-15
            not-an-email,,Bad,Email,,no,1,2024-01-16
            bo@acme.example,12,Bo,Phone,,no,3,2024-01-17
            cy@acme.example,,Cy,,Paris,no,7,01/31/2024
            dee@acme.example,,Dee,,,no,lots,2024-02-01
            """;

    private static final String[] MAPPING = { "EMAIL", "PHONE_NUMBER", "FIRST_NAME", "LAST_NAME", "CITY",
            "PROPERTY:vip:BOOLEAN", "PROPERTY:lifetime_value:NUMBER", "PROPERTY:signed_up:DATE" };

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PasswordEncoder passwords;

    @Autowired
    Profiles profiles;

    @Autowired
    JsonMapper json;

    Stores stores;

    ImportSteps steps;

    @BeforeEach
    void setUp() {
        stores = new Stores(mvc, jdbc, passwords);
        steps = new ImportSteps(mvc, jdbc);
    }

    @Test
    void goodRowsBecomeProfilesAndBadRowsLandInTheErrorReport() throws Exception {
        Store store = stores.open("Acme Outdoor");
        String csv = CSV.replace("acme.example", "csv-" + store.accountId().toLowerCase() + ".example");
        String jobId = steps.upload(store.owner(), "customers.csv", csv);

        steps.start(store.owner(), jobId, true, MAPPING);
        Map<String, Object> job = steps.awaitFinished(jobId, Duration.ofSeconds(60));

        assertThat(job).containsEntry("status", "COMPLETE")
            .containsEntry("total_count", 5)
            .containsEntry("processed_count", 5)
            .containsEntry("created_count", 2)
            .containsEntry("updated_count", 0)
            .containsEntry("failed_count", 3);
        Profile ada = profiles.findBy(store.accountId(), IdentifierKind.EMAIL, email("ada", store)).orElseThrow();
        assertThat(ada.firstName()).isEqualTo("Ada");
        assertThat(ada.lastName()).isEqualTo("Lovelace");
        assertThat(ada.phoneNumber()).isEqualTo("+14155550100");
        assertThat(ada.location().city()).isEqualTo("London");
        assertThat(ada.properties()).containsEntry("vip", true)
            .containsEntry("lifetime_value", 120.5)
            .containsEntry("signed_up", "2024-01-15");
        assertThat(ada.consent().get(Channel.EMAIL_MARKETING)).satisfies(consent -> {
            assertThat(consent.state()).isEqualTo(Consent.State.SUBSCRIBED);
            assertThat(consent.method()).isEqualTo("CSV import");
            assertThat(consent.source()).isEqualTo("customers.csv");
        });
        Profile cy = profiles.findBy(store.accountId(), IdentifierKind.EMAIL, email("cy", store)).orElseThrow();
        assertThat(cy.properties()).containsEntry("signed_up", "2024-01-31");
        assertThat(cy.properties().get("lifetime_value")).isInstanceOfSatisfying(Number.class,
                orders -> assertThat(orders.longValue()).isEqualTo(7));
        assertThat(profiles.findBy(store.accountId(), IdentifierKind.EMAIL, email("bo", store))).isEmpty();
        assertThat(profiles.findBy(store.accountId(), IdentifierKind.EMAIL, email("dee", store))).isEmpty();

        String report = download(store, jobId);
        assertThat(report.lines()).hasSize(4).first().asString()
            .isEqualTo("Row,Column,Value,Error,Email,Phone,First Name,Last Name,City,VIP,Lifetime value,Signed up");
        assertThat(report).contains("3,Email,not-an-email,Invalid email address 'not-an-email'.,not-an-email,,Bad,Email")
            .contains("4,Phone,12,\"Invalid phone number '12'.")
            .contains("6,Lifetime value,lots,'lots' is not a number.,dee@");
        String page = steps.page(store.owner(), "/imports/" + jobId);
        assertThat(page).contains("id=\"error-report\"").contains("100%");
    }

    @Test
    void importingTheSameFileAgainUpdatesTheProfilesInsteadOfDuplicatingThem() throws Exception {
        Store store = stores.open("Bluebell Books");
        String csv = CSV.replace("acme.example", "again-" + store.accountId().toLowerCase() + ".example");
        String first = steps.upload(store.owner(), "customers.csv", csv);
        steps.start(store.owner(), first, false, MAPPING);
        steps.awaitFinished(first, Duration.ofSeconds(60));
        String adaId = profiles.findBy(store.accountId(), IdentifierKind.EMAIL, email("ada", store, "again-"))
            .orElseThrow()
            .id();

        String second = steps.upload(store.owner(), "customers.csv", csv.replace("Lovelace", "King"));
        steps.start(store.owner(), second, false, MAPPING);
        Map<String, Object> job = steps.awaitFinished(second, Duration.ofSeconds(60));

        assertThat(job).containsEntry("status", "COMPLETE")
            .containsEntry("created_count", 0)
            .containsEntry("updated_count", 2)
            .containsEntry("failed_count", 3);
        Profile ada = profiles.findBy(store.accountId(), IdentifierKind.EMAIL, email("ada", store, "again-"))
            .orElseThrow();
        assertThat(ada.id()).isEqualTo(adaId);
        assertThat(ada.lastName()).isEqualTo("King");
        assertThat(ada.consent().get(Channel.EMAIL_MARKETING)).isNull();
        String list = steps.page(store.owner(), "/imports");
        assertThat(list).contains("import-" + first).contains("import-" + second);
    }

    @Test
    void theMappingPageGuessesFieldsAndTypesAndPreviewsTheFirstRows() throws Exception {
        Store store = stores.open("Cedar Candles");
        String jobId = steps.upload(store.owner(), "shoppers.csv", """
                E-mail;First name;Zip;Orders;Loyal;Birthday;Notes
                ana@cedar.example;Ana;02139;3;true;1990-05-01;likes red
                ben@cedar.example;Ben;10001;12;false;1985-11-30;
                ;Nobody;;;;;no email
                """);

        String page = steps.page(store.owner(), "/imports/" + jobId + "/mapping");

        assertThat(selected(page, 0, "target")).isEqualTo("EMAIL");
        assertThat(selected(page, 1, "target")).isEqualTo("FIRST_NAME");
        assertThat(selected(page, 2, "target")).isEqualTo("ZIP");
        assertThat(selected(page, 3, "target")).isEqualTo("PROPERTY");
        assertThat(selected(page, 3, "type")).isEqualTo("NUMBER");
        assertThat(selected(page, 4, "type")).isEqualTo("BOOLEAN");
        assertThat(selected(page, 5, "type")).isEqualTo("DATE");
        assertThat(selected(page, 6, "type")).isEqualTo("TEXT");
        assertThat(page).contains("ana@cedar.example").contains("Orders: 3").contains("Loyal: true")
            .contains("The row has no email, phone number or external id.");
    }

    @Test
    void aMappingThatNamesNoProfileOrSetsAFieldTwiceIsRefusedNextToTheColumns() throws Exception {
        Store store = stores.open("Dune Dogwear");
        String jobId = steps.upload(store.owner(), "dogs.csv", "Email,Email 2,Name\na@dune.example,b@dune.example,Rex\n");

        MvcResult noIdentifier = steps.map(store.owner(), jobId, "start", false, "SKIP", "SKIP", "FIRST_NAME");
        MvcResult twice = steps.map(store.owner(), jobId, "start", false, "EMAIL", "EMAIL", "PROPERTY: :TEXT");

        assertThat(noIdentifier.getResponse().getContentAsString(StandardCharsets.UTF_8))
            .contains("Map at least one column to email, phone number or external id");
        assertThat(twice.getResponse().getContentAsString(StandardCharsets.UTF_8))
            .contains("Another column already sets this field.").contains("Name the custom property.");
        assertThat(steps.job(jobId)).containsEntry("status", "DRAFT");
    }

    @Test
    void aFileThatIsNotCsvIsRefusedOnTheUploadPage() throws Exception {
        Store store = stores.open("Elm Electric");
        MvcResult refused = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
            .multipart("/imports")
            .file(new org.springframework.mock.web.MockMultipartFile("file", "empty.csv", "text/csv", new byte[0]))
            .session(store.owner())
            .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()))
            .andReturn();

        assertThat(refused.getResponse().getStatus()).isEqualTo(200);
        assertThat(refused.getResponse().getContentAsString(StandardCharsets.UTF_8))
            .contains("Choose a CSV file that is not empty.");
    }

    @Test
    void subscribingImportedEmailsNeverResubscribesSomeoneWhoUnsubscribed() throws Exception {
        Store store = stores.open("Hollow Honey");
        String domain = "consent-" + store.accountId().toLowerCase() + ".example";
        profiles.upsert(store.accountId(), new ProfileAttributes(new Identifiers("gone@" + domain, null, null, null),
                null, null, null, null, null, null, null, Map.of(Channel.EMAIL_MARKETING, new Consent(
                        Consent.State.UNSUBSCRIBED, Instant.now(), "Unsubscribe link", "Spring sale email"))));
        String jobId = steps.upload(store.owner(), "everyone.csv", "Email\ngone@%1$s\nnew@%1$s\n".formatted(domain));

        steps.start(store.owner(), jobId, true, "EMAIL");
        steps.awaitFinished(jobId, Duration.ofSeconds(60));

        assertThat(profiles.findBy(store.accountId(), IdentifierKind.EMAIL, "gone@" + domain).orElseThrow().consent()
            .get(Channel.EMAIL_MARKETING)).extracting(Consent::state, Consent::method)
            .containsExactly(Consent.State.UNSUBSCRIBED, "Unsubscribe link");
        assertThat(profiles.findBy(store.accountId(), IdentifierKind.EMAIL, "new@" + domain).orElseThrow().consent()
            .get(Channel.EMAIL_MARKETING)).extracting(Consent::state, Consent::method)
            .containsExactly(Consent.State.SUBSCRIBED, "CSV import");
    }

    @Test
    void anImportWhoseInstanceDiedIsResumedAfterItsLastRecordedRow() throws Exception {
        Store store = stores.open("Fern Fabrics");
        String domain = "resume-" + store.accountId().toLowerCase() + ".example";
        String jobId = steps.upload(store.owner(), "fabrics.csv",
                "Email\nr1@%1$s\nr2@%1$s\nr3@%1$s\nr4@%1$s\nr5@%1$s\n".formatted(domain));
        ImportMapping mapping = new ImportMapping(',',
                List.of(new ColumnMapping("Email", ColumnTarget.EMAIL, null, ValueType.TEXT)), false);
        // As a dead instance leaves it: two rows recorded, the lease run out
        jdbc.update("""
                UPDATE import_jobs SET status = 'PROCESSING', mapping = ?, total_count = 5, processed_count = 2,
                    created_count = 2, last_row = 2, claimed_by = 'instance-gone', lease_until = ?
                WHERE id = ?""", json.writeValueAsString(mapping),
                Timestamp.from(Instant.now().minus(Duration.ofMinutes(5))), jobId);

        Map<String, Object> job = steps.awaitFinished(jobId, Duration.ofSeconds(60));

        assertThat(job).containsEntry("status", "COMPLETE")
            .containsEntry("processed_count", 5)
            .containsEntry("created_count", 5)
            .containsEntry("last_row", 5);
        assertThat(profiles.findBy(store.accountId(), IdentifierKind.EMAIL, "r2@" + domain)).isEmpty();
        assertThat(profiles.findBy(store.accountId(), IdentifierKind.EMAIL, "r3@" + domain)).isPresent();
        assertThat(profiles.findBy(store.accountId(), IdentifierKind.EMAIL, "r5@" + domain)).isPresent();
    }

    @Test
    void aCancelledImportStopsAndSaysSo() throws Exception {
        Store store = stores.open("Gale Gear");
        String jobId = steps.upload(store.owner(), "gear.csv", "Email\ng@gale.example\n");

        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
            .post("/imports/{id}/cancel", jobId)
            .session(store.owner())
            .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()));

        assertThat(steps.job(jobId)).containsEntry("status", "CANCELLED");
        assertThat(steps.page(store.owner(), "/imports/" + jobId)).contains("Cancelled")
            .doesNotContain("cancel-import");
        assertThat(steps.map(store.owner(), jobId, "start", false, "EMAIL").getResponse().getRedirectedUrl())
            .isEqualTo("/imports/" + jobId);
        assertThat(steps.job(jobId)).containsEntry("status", "CANCELLED");
    }

    private String download(Store store, String jobId) throws Exception {
        MvcResult result = mvc.perform(get("/imports/{id}/errors.csv", jobId).session(store.owner())).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        assertThat(result.getResponse().getContentType()).startsWith("text/csv");
        assertThat(result.getResponse().getHeader("Content-Disposition")).contains("customers-errors.csv");
        return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    /** The value of the selected option of a column's select on the mapping page. */
    private static String selected(String page, int column, String field) {
        String name = "columns[%d].%s".formatted(column, field);
        int select = page.indexOf("name=\"" + name + "\"");
        String options = page.substring(select, page.indexOf("</select>", select));
        int chosen = options.indexOf("selected=\"selected\"");
        String before = options.substring(0, chosen);
        String value = before.substring(before.lastIndexOf("value=\"") + 7);
        return value.substring(0, value.indexOf('"'));
    }

    private static String email(String name, Store store) {
        return email(name, store, "csv-");
    }

    private static String email(String name, Store store, String prefix) {
        return name + "@" + prefix + store.accountId().toLowerCase() + ".example";
    }
}
