package dev.magpie.campaigns.internal;

import java.util.function.Supplier;

import dev.magpie.campaigns.CampaignStateException;
import dev.magpie.campaigns.UnknownCampaignException;
import dev.magpie.campaigns.internal.CampaignCatalog.UnknownMessageException;
import dev.magpie.web.api.ApiError.Source;
import dev.magpie.web.api.ApiException;
import org.springframework.http.HttpStatus;

/** Turns the catalog's refusals into the API's answers: 404 unknown, 409 not a draft, 400 unknown reference. */
final class CampaignApiErrors {

    private CampaignApiErrors() {
    }

    /**
     * Runs {@code work}; {@code id} names the campaign or message addressed for the 404, and {@code templatePointer}
     * where a template id came from.
     */
    static <T> T translate(Supplier<T> work, String id) {
        return translate(work, id, "/data/relationships/template/data/id");
    }

    static <T> T translate(Supplier<T> work, String id, String templatePointer) {
        try {
            return work.get();
        }
        catch (UnknownCampaignException unknown) {
            throw CampaignResources.notFound(id);
        }
        catch (UnknownMessageException unknown) {
            throw CampaignResources.messageNotFound(id);
        }
        catch (CampaignStateException state) {
            throw ApiException.of(HttpStatus.CONFLICT, state.getMessage(), Source.DOCUMENT);
        }
        catch (UnknownReferenceException reference) {
            String pointer = reference.where().equals("template") ? templatePointer
                    : "/data/attributes/audiences/" + reference.where();
            throw ApiException.invalidInput(pointer, reference.getMessage());
        }
    }
}
