package dev.magpie.audiences.internal.lists;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import dev.magpie.audiences.ListDeleted;
import dev.magpie.audiences.UnknownListException;
import dev.magpie.shared.Ids;
import dev.magpie.tenancy.TenantTransactions;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The account's list definitions: create, rename, change the opt-in process, delete. Deleting a list announces
 * {@link ListDeleted} in the transaction that deletes it, then takes everyone off it.
 */
@Component
class ListCatalog {

    /** Longest list name, as the column allows. */
    static final int MAX_NAME = 255;

    private static final SecureRandom random = new SecureRandom();

    private final ListDefinitionRepository repository;

    private final ListMembersStore members;

    private final TenantTransactions transactions;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    ListCatalog(ListDefinitionRepository repository, ListMembersStore members, TenantTransactions transactions,
            ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.members = members;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    ListDefinition create(String accountId, String name, OptInProcess optInProcess) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        ListDefinition list = new ListDefinition(Ids.newId(), name.strip(), optInProcess,
                HexFormat.of().formatHex(secret), clock.instant());
        return transactions.inAccount(accountId, () -> repository.save(list));
    }

    Optional<ListDefinition> find(String accountId, String listId) {
        if (listId == null || listId.isBlank()) {
            return Optional.empty();
        }
        return transactions.inAccount(accountId, () -> repository.findById(listId));
    }

    ListDefinition require(String accountId, String listId) {
        return find(accountId, listId).orElseThrow(() -> new UnknownListException(listId));
    }

    /** Every list of the account, by name. */
    List<ListDefinition> all(String accountId) {
        return transactions.inAccount(accountId, repository::findAllByOrderByNameAscIdAsc);
    }

    /** Changes what is given (a {@code null} stays as it is). */
    ListDefinition update(String accountId, String listId, String name, OptInProcess optInProcess) {
        return transactions.inAccount(accountId, () -> {
            ListDefinition list = repository.findById(listId).orElseThrow(() -> new UnknownListException(listId));
            if (name != null) {
                list.rename(name.strip(), clock.instant());
            }
            if (optInProcess != null) {
                list.changeOptInProcess(optInProcess, clock.instant());
            }
            return list;
        });
    }

    void delete(String accountId, String listId) {
        transactions.inAccount(accountId, () -> {
            ListDefinition list = repository.findById(listId).orElseThrow(() -> new UnknownListException(listId));
            repository.delete(list);
            events.publishEvent(new ListDeleted(accountId, listId));
            return null;
        });
        // Readers ignore memberships of lists that are gone, so a crash half-way leaves nothing visible
        members.removeAll(accountId, listId);
    }
}
