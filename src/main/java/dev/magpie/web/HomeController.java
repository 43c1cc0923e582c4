package dev.magpie.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The page a marketer lands on after signing in. */
@Controller
class HomeController {

    @GetMapping("/")
    String home(Model model) {
        model.addAttribute("apiBase", ServletUriComponentsBuilder.fromCurrentContextPath().toUriString());
        return "web/home";
    }
}
