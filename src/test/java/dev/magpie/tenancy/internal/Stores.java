package dev.magpie.tenancy.internal;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

import dev.magpie.shared.Ids;
import dev.magpie.tenancy.Role;
import dev.magpie.tenancy.TenantTransactions;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Stores and their people for the tenancy tests: accounts are signed up through the registrar the sign-up
 * page uses, people sign in through the real sign-in form.
 */
final class Stores {

    static final String PASSWORD = "store-password-1";

    private final MockMvc mvc;

    private final AccountRegistrar registrar;

    private final UserRepository users;

    private final MembershipRepository memberships;

    private final TenantTransactions transactions;

    private final PasswordEncoder passwordEncoder;

    Stores(MockMvc mvc, AccountRegistrar registrar, UserRepository users, MembershipRepository memberships,
            TenantTransactions transactions, PasswordEncoder passwordEncoder) {
        this.mvc = mvc;
        this.registrar = registrar;
        this.users = users;
        this.memberships = memberships;
        this.transactions = transactions;
        this.passwordEncoder = passwordEncoder;
    }

    /** A new store, with its owner. */
    Store open(String storeName) {
        String email = uniqueEmail("owner");
        AccountRegistrar.Registration registration = registrar.signUp(storeName, "Owner of " + storeName, email,
                PASSWORD);
        return new Store(registration.accountId(), storeName,
                new Person(registration.ownerUserId(), email, "Owner of " + storeName));
    }

    /** A new person who joins {@code store} with {@code role}. */
    Person join(Store store, Role role, String name) {
        String email = uniqueEmail(name.toLowerCase(Locale.ROOT).replace(' ', '-'));
        User user = transactions.asRoot(() -> users.save(new User(email, name,
                passwordEncoder.encode(PASSWORD), Instant.now())));
        Person person = new Person(user.id(), email, name);
        add(store, person, role);
        return person;
    }

    /** Makes an existing person a member of {@code store} too. */
    void add(Store store, Person person, Role role) {
        transactions.inAccount(store.accountId(),
                () -> memberships.save(new Membership(person.userId(), role, Instant.now())));
    }

    /** The id of {@code person}'s membership of {@code store}. */
    String membershipId(Store store, Person person) {
        return membership(store, person).id();
    }

    /** The role {@code person} has in {@code store}, or {@code null} when they are not a member. */
    Role roleOf(Store store, Person person) {
        Membership membership = transactions.inAccount(store.accountId(),
                () -> memberships.findByUserId(person.userId()).orElse(null));
        return membership == null ? null : membership.role();
    }

    private Membership membership(Store store, Person person) {
        return transactions.inAccount(store.accountId(),
                () -> memberships.findByUserId(person.userId()).orElseThrow());
    }

    /** Signs {@code person} in through the sign-in form, working in {@code store}. */
    MockHttpSession signIn(Person person, Store store) throws Exception {
        MockHttpSession session = signIn(person.email(), PASSWORD);
        session.setAttribute(CurrentAccountFilter.SESSION_ACCOUNT, store.accountId());
        return session;
    }

    /** Signs in through the sign-in form and returns the session; fails the test when refused. */
    MockHttpSession signIn(String email, String password) throws Exception {
        MvcResult result = mvc.perform(formLogin("/signin").user("email", email).password(password)).andReturn();
        assertThat(result.getResponse().getRedirectedUrl()).as("sign-in of " + email).isEqualTo("/");
        return (MockHttpSession) result.getRequest().getSession(false);
    }

    /** Where the sign-in form sends this email and password: "/" when accepted. */
    String signInRedirect(String email, String password) throws Exception {
        return mvc.perform(formLogin("/signin").user("email", email).password(password))
            .andReturn()
            .getResponse()
            .getRedirectedUrl();
    }

    /** The page at {@code path} as {@code session} sees it; fails the test unless it is a 200. */
    String page(MockHttpSession session, String path) throws Exception {
        MvcResult result = mvc.perform(get(path).session(session)).andReturn();
        assertThat(result.getResponse().getStatus()).as(path).isEqualTo(200);
        return result.getResponse().getContentAsString();
    }

    /** The table row of {@code page} that contains {@code text}, as HTML. */
    static String row(String page, String text) {
        return Arrays.stream(page.split("<tr"))
            .skip(1)
            .map(row -> "<tr" + row.substring(0, Math.max(0, row.indexOf("</tr>"))))
            .filter(row -> row.contains(text))
            .findFirst()
            .orElseThrow(() -> new AssertionError("No table row contains " + text));
    }

    static String uniqueEmail(String label) {
        return label + "-" + Ids.newId().toLowerCase(Locale.ROOT) + "@example.com";
    }

    /** A store (an account) and the person who signed it up. */
    record Store(String accountId, String name, Person owner) {
    }

    /** Someone with a login. */
    record Person(String userId, String email, String name) {
    }
}
