package dev.magpie.tenancy.internal;

import dev.magpie.tenancy.SignedInUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

/** Sign-up and the sign-in page; signing in itself is Spring Security's form login. */
@Controller
class SignUpController {

    private final AccountRegistrar registrar;

    private final SignInUsers users;

    private final SecurityContextRepository securityContexts = new HttpSessionSecurityContextRepository();

    SignUpController(AccountRegistrar registrar, SignInUsers users) {
        this.registrar = registrar;
        this.users = users;
    }

    @GetMapping("/signin")
    String signIn() {
        return "tenancy/signin";
    }

    @GetMapping("/signup")
    String signUpForm(Model model) {
        model.addAttribute("form", SignUpForm.empty());
        return "tenancy/signup";
    }

    @PostMapping("/signup")
    String signUp(@Valid @ModelAttribute("form") SignUpForm form, BindingResult errors, HttpServletRequest request,
            HttpServletResponse response) {
        if (errors.hasErrors()) {
            return "tenancy/signup";
        }
        AccountRegistrar.Registration registration;
        try {
            registration = registrar.signUp(form.accountName(), form.name(), form.email(), form.password());
        }
        catch (TenancyException refused) {
            errors.rejectValue(refused.field(), refused.messageCode());
            return "tenancy/signup";
        }
        signIn(users.loadUserByUsername(form.email()), request, response);
        request.getSession().setAttribute(CurrentAccountFilter.SESSION_ACCOUNT, registration.accountId());
        return "redirect:/";
    }

    /** Signs the new owner in, as the sign-in form would have. */
    private void signIn(SignedInUser user, HttpServletRequest request, HttpServletResponse response) {
        request.changeSessionId();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
        SecurityContextHolder.setContext(context);
        securityContexts.saveContext(context, request, response);
    }
}
