package dev.magpie.campaigns.internal;

import dev.magpie.campaigns.Campaign;
import dev.magpie.campaigns.CampaignStateException;
import dev.magpie.campaigns.internal.WizardSupport.Step;
import dev.magpie.tenancy.CurrentMember;
import dev.magpie.tenancy.TenantContext;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * What a writer does to a campaign from its page besides sending it: cancel a scheduled or sending one for good, and
 * clone any campaign into a new draft that opens in the wizard.
 */
@Controller
class CampaignActionsController {

    private final CampaignCatalog catalog;

    private final WizardSupport wizard;

    CampaignActionsController(CampaignCatalog catalog, WizardSupport wizard) {
        this.catalog = catalog;
        this.wizard = wizard;
    }

    @PostMapping("/campaigns/{id}/cancel")
    String cancel(@ModelAttribute("member") CurrentMember member, @PathVariable String id,
            RedirectAttributes redirect) {
        WizardSupport.requireWriter(member);
        String accountId = TenantContext.requireAccountId();
        wizard.campaign(accountId, id);
        try {
            catalog.cancel(accountId, id);
            redirect.addFlashAttribute("flashCode", "campaigns.cancelled");
        }
        catch (CampaignStateException refused) {
            redirect.addFlashAttribute("flashError", refused.getMessage());
        }
        return "redirect:/campaigns/" + id;
    }

    @PostMapping("/campaigns/{id}/clone")
    String cloneCampaign(@ModelAttribute("member") CurrentMember member, @PathVariable String id) {
        WizardSupport.requireWriter(member);
        String accountId = TenantContext.requireAccountId();
        Campaign original = wizard.campaign(accountId, id);
        String name = "Copy of " + original.name();
        Campaign copy = catalog.copy(accountId, id,
                name.length() > CampaignRequests.MAX_NAME ? name.substring(0, CampaignRequests.MAX_NAME) : name);
        return WizardSupport.redirect(copy.id(), Step.NAME);
    }
}
