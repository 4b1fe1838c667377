import { registry } from "@web/core/registry";

// Numbers fixed by the test (tests/test_portal_signup_tour.py)
const VIRTUAL_CARD = "VM0000900001";

// A visitor signs up on the website: the new member finds their virtual card, with its barcode and
// QR code, in the customer portal.
registry.category("web_tour.tours").add("retail_portal_signup_tour", {
    steps: () => [
        {
            content: "fill in the email",
            trigger: ".oe_signup_form input[name='login']",
            run: "edit signup.member@example.com",
        },
        {
            content: "fill in the name",
            trigger: ".oe_signup_form input[name='name']",
            run: "edit Signup Member Trần Thị Mới",
        },
        {
            content: "choose a password",
            trigger: ".oe_signup_form input[name='password']",
            run: "edit Signup-Member-2026",
        },
        {
            content: "confirm the password",
            trigger: ".oe_signup_form input[name='confirm_password']",
            run: "edit Signup-Member-2026",
        },
        {
            content: "sign up",
            trigger: ".oe_signup_form button[type='submit']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "the portal home lists the membership with its card count",
            trigger: ".o_portal_index_card:not(.d-none) a[href='/my/retail/membership']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "the virtual card number is shown",
            trigger: `.o_retail_portal_card .o_retail_portal_card_number:contains("${VIRTUAL_CARD}")`,
        },
        {
            content: "with a barcode to scan at the till",
            trigger: `.o_retail_portal_card img.o_retail_portal_card_barcode[src*="${VIRTUAL_CARD}"]`,
        },
        {
            content: "and a QR code",
            trigger: `.o_retail_portal_card img.o_retail_portal_card_qr[src*="${VIRTUAL_CARD}"]`,
        },
    ],
});
