package dev.magpie.admin.internal;

import dev.magpie.engines.MailCapture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.ui.ExtendedModelMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Without a mail capture (production), the dev inbox explains where mail goes and leaves the navigation. */
class InboxControllerTests {

    private final ObjectProvider<MailCapture> none = new StaticListableBeanFactory().getBeanProvider(MailCapture.class);

    @Test
    void withoutACaptureTheInboxPointsElsewhere() {
        ExtendedModelMap model = new ExtendedModelMap();

        String view = new InboxController(none).inbox(model);

        assertThat(view).isEqualTo("admin/inbox-unavailable");
        assertThat(model).doesNotContainKey("messages");
        assertThat(new InboxController(none).message("1", model)).isEqualTo("redirect:/admin/inbox");
        assertThat(new AdminNavigationAdvice(none).inboxAvailable()).isFalse();
    }
}
