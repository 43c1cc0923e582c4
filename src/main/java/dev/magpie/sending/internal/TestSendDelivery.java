package dev.magpie.sending.internal;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import dev.magpie.campaigns.Campaign;
import dev.magpie.campaigns.CampaignTestSends;
import dev.magpie.campaigns.Campaigns;
import dev.magpie.campaigns.UnknownCampaignException;
import dev.magpie.content.RenderContext;
import dev.magpie.content.RenderedMessage;
import dev.magpie.content.TemplateRenderer;
import dev.magpie.content.UnknownTemplateException;
import dev.magpie.deliverability.UnsubscribeLink;
import dev.magpie.profiles.Location;
import dev.magpie.profiles.Profile;
import dev.magpie.profiles.Profiles;
import dev.magpie.sending.SendJob;
import dev.magpie.shared.Ids;
import dev.magpie.tenancy.AccountDirectory;
import dev.magpie.tenancy.AccountView;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends the test of a campaign's email that a marketer asks for from the wizard: rendered like the real message
 * (template, Liquid subject, the account's sender as fallback), assembled by the same {@link MessageAssembler}
 * (headers, DKIM) and handed to the same pooled SMTP connections. Unlike a delivery it claims nothing in the message
 * log, records no event and is not counted: the campaign's numbers stay those of its real recipients. Its
 * unsubscribe links point nowhere, so that a colleague clicking one in a test does not unsubscribe the profile the
 * test was rendered for.
 */
@Component
class TestSendDelivery implements CampaignTestSends {

    /** Where a test's unsubscribe links point: clearly nowhere. */
    static final UnsubscribeLink INERT_UNSUBSCRIBE = new UnsubscribeLink("https://unsubscribe.invalid/test",
            "mailto:unsubscribe@unsubscribe.invalid");

    static final String SUBJECT_PREFIX = "[Test] ";

    private static final Logger log = LoggerFactory.getLogger(TestSendDelivery.class);

    private final Campaigns campaigns;

    private final Profiles profiles;

    private final AccountDirectory accounts;

    private final TemplateRenderer renderer;

    private final DkimKeyStore dkimKeys;

    private final MessageAssembler assembler;

    private final SmtpConnections smtp;

    private final SendingProperties properties;

    TestSendDelivery(Campaigns campaigns, Profiles profiles, AccountDirectory accounts, TemplateRenderer renderer,
            DkimKeyStore dkimKeys, MessageAssembler assembler, SmtpConnections smtp, SendingProperties properties) {
        this.campaigns = campaigns;
        this.profiles = profiles;
        this.accounts = accounts;
        this.renderer = renderer;
        this.dkimKeys = dkimKeys;
        this.assembler = assembler;
        this.smtp = smtp;
        this.properties = properties;
    }

    @Override
    public void send(String accountId, String campaignId, String profileId, String to) {
        Campaign campaign = campaigns.find(accountId, campaignId)
            .orElseThrow(() -> new UnknownCampaignException(campaignId));
        Campaign.Message message = campaign.message();
        if (message == null || message.templateId() == null) {
            throw new TestSendException("The campaign's email has no template yet: choose one first.");
        }
        InternetAddress recipient = recipient(to);
        AccountView account = accounts.find(accountId).orElseThrow(() -> new UnknownCampaignException(campaignId));
        // Another account's profile id is unknown here, like any other: the sample stands in
        Profile profile = Optional.ofNullable(profileId).flatMap(id -> profiles.find(accountId, id))
            .orElseGet(TestSendDelivery::sample);
        RenderContext context = RenderContext.of(profile, INERT_UNSUBSCRIBE.url(), null);
        RenderedMessage rendered;
        try {
            rendered = renderer.render(accountId, message.templateId(), context);
        }
        catch (UnknownTemplateException gone) {
            throw new TestSendException("The campaign's template no longer exists: choose another one.", gone);
        }
        String subject = message.subject() == null || message.subject().isBlank() ? rendered.subject()
                : renderer.renderSubject(accountId, message.subject(), context);
        String fromEmail = firstOf(message.fromEmail(), account.senderEmail(), properties.defaultFrom());
        InternetAddress from;
        try {
            from = MessageAssembler.address(fromEmail, firstOf(message.fromLabel(), account.senderName()));
        }
        catch (IllegalArgumentException malformed) {
            throw new TestSendException("The sender address %s is not valid.".formatted(fromEmail), malformed);
        }
        // A source id of its own gives each test a Message-ID of its own, never one a real recipient's copy has
        SendJob job = new SendJob(accountId, "test-" + Ids.newId(), profile.id(), message.templateId(),
                message.subject(), fromEmail, message.fromLabel(), message.replyToEmail());
        // Untracked: a colleague opening the test must not record an open or a click on the profile it was made for
        try {
            MimeMessage mime = assembler.assemble(smtp.session(), job, from, recipient.getAddress(), rendered,
                    SUBJECT_PREFIX + (subject == null ? "" : subject), INERT_UNSUBSCRIBE,
                    dkimKeys.signingKeyFor(accountId, fromEmail), false);
            String reply = smtp.send(mime, new Address[] { recipient });
            log.debug("Test of campaign {} of account {} sent to {}: {}", campaignId, accountId, to, reply);
        }
        catch (MessagingException failed) {
            SmtpReply reply = SmtpReply.of(failed);
            throw new TestSendException("The mail server did not take the test: %s".formatted(reply.text()), failed);
        }
        catch (IllegalStateException unconfigured) {
            throw new TestSendException(unconfigured.getMessage(), unconfigured);
        }
    }

    private static InternetAddress recipient(String to) {
        try {
            InternetAddress address = new InternetAddress(to == null ? "" : to.strip(), true);
            if (address.getAddress() == null || !address.getAddress().contains("@")) {
                throw new AddressException("no domain");
            }
            return address;
        }
        catch (AddressException malformed) {
            throw new TestSendException("'%s' is not an email address.".formatted(to), malformed);
        }
    }

    /** The stand-in when no profile is chosen: plainly made up, as in the template editor's preview. */
    static Profile sample() {
        return new Profile("sample", "jane.sample@example.com", null, null, null, "Jane", "Sample", null, null, null,
                new Location(null, null, "Springfield", "US", null, null, null, null, null),
                Map.of("favorite_category", "Teas"), Map.of(), Instant.EPOCH, Instant.EPOCH);
    }

    private static String firstOf(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
