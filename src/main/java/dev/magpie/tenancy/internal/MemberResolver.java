package dev.magpie.tenancy.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.magpie.tenancy.CurrentMember;
import dev.magpie.tenancy.SignedInUser;
import dev.magpie.tenancy.TenantTransactions;
import org.springframework.stereotype.Component;

/** Works out which account a signed-in person is working in, and their role there. */
@Component
class MemberResolver {

    private final MembershipRepository memberships;

    private final AccountRepository accounts;

    private final TenantTransactions transactions;

    MemberResolver(MembershipRepository memberships, AccountRepository accounts, TenantTransactions transactions) {
        this.memberships = memberships;
        this.accounts = accounts;
        this.transactions = transactions;
    }

    /**
     * The person as a member of {@code preferredAccountId} if they belong to it and it is active, else of
     * their first active account; empty when they have none.
     */
    Optional<CurrentMember> resolve(SignedInUser user, String preferredAccountId) {
        return transactions.asRoot(() -> {
            List<Membership> all = memberships.findAllOfUser(user.userId());
            Map<String, Account> active = accounts.findAllById(all.stream().map(Membership::accountId).toList())
                    .stream()
                    .filter(account -> !account.isSuspended())
                    .collect(Collectors.toMap(Account::id, Function.identity()));
            List<Membership> usable = all.stream().filter(m -> active.containsKey(m.accountId())).toList();
            List<CurrentMember.AccountChoice> choices = usable.stream()
                    .map(m -> new CurrentMember.AccountChoice(m.accountId(), active.get(m.accountId()).name()))
                    .toList();
            return usable.stream()
                    .filter(m -> m.accountId().equals(preferredAccountId))
                    .findFirst()
                    .or(() -> usable.stream().findFirst())
                    .map(m -> new CurrentMember(user.userId(), user.email(), user.name(), m.accountId(),
                            active.get(m.accountId()).name(), m.role(), choices));
        });
    }
}
