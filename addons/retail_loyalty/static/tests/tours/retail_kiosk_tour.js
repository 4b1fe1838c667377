import { registry } from "@web/core/registry";

// Numbers and names fixed by the test (tests/test_kiosk.py)
const CARD = "KIOSK-A-0001";
const MEMBER = "Kiosk Alice Nguyễn";

// A member scans their card at the store tablet, sees their account, then walks away: the page
// goes back to the scan screen by itself after the idle timeout.
registry.category("web_tour.tours").add("retail_kiosk_idle_tour", {
    steps: () => [
        {
            content: "the card reader types the card number",
            trigger: ".o_retail_kiosk_scan input[name='number']",
            run: `edit ${CARD}`,
        },
        {
            content: "and sends it",
            trigger: ".o_retail_kiosk_scan button[type='submit']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "the member's page is shown",
            trigger: `.o_retail_kiosk_member .o_retail_kiosk_member_name:contains("${MEMBER}")`,
        },
        {
            content: "with their card",
            trigger: `.o_retail_kiosk_member .o_retail_portal_card_number:contains("${CARD}")`,
            expectUnloadPage: true,
        },
        {
            content: "nobody touches the tablet: back to the scan screen",
            trigger: ".o_retail_kiosk_scan input[name='number']",
            timeout: 20000,
        },
        {
            content: "the member is forgotten",
            trigger: `body:not(:has(.o_retail_kiosk_member_name))`,
        },
    ],
});
