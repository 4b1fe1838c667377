import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import * as PaymentScreen from "@point_of_sale/../tests/tours/utils/payment_screen_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/tours/utils/receipt_screen_util";
import { negate } from "@point_of_sale/../tests/tours/utils/common";
import { registry } from "@web/core/registry";

const CUSTOMER = "Tour VIP Phạm Thị Khảo Sát";
const QUESTION = "Tour: which service should we add?";
const ANSWER = "Hot stone massage";
const REQUEST = "Call back about a gift card";

function clickOption(question, option) {
    return {
        content: `answer "${option}" to "${question}"`,
        trigger: `.o_retail_questionnaire_dialog .o_retail_question:has(.o_retail_question_name:contains("${question}")) .o_retail_question_option:contains("${option}")`,
        run: "click",
    };
}

// A VIP customer set on the order at the demo shop's till: the cashier is asked the repeat
// question, answers it, looks at the customer panel, takes a request and sells.
registry.category("web_tour.tours").add("retail_pos_questionnaire_tour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            ProductScreen.addOrderline("Massage body 60 phút", "1"),
            ProductScreen.clickPartnerButton(),
            ProductScreen.clickCustomer(CUSTOMER),
            ProductScreen.customerIsSelected(CUSTOMER),
            {
                content: "the cashier is prompted with the repeat question",
                trigger: `.o_retail_questionnaire_dialog .o_retail_question_name:contains("${QUESTION}")`,
            },
            clickOption(QUESTION, ANSWER),
            {
                content: "the choice is selected",
                trigger: `.o_retail_questionnaire_dialog .o_retail_question_option.active:contains("${ANSWER}")`,
            },
            Dialog.confirm("Save Answers"),
            { content: "the questionnaire is closed", trigger: negate(".o_retail_questionnaire_dialog") },
            // the customer panel, loaded for this customer on demand
            {
                content: "open the customer panel",
                trigger: ".o_retail_customer_panel_button",
                run: "click",
            },
            {
                content: "the panel lists the customer's past purchase",
                trigger: ".o_retail_customer_panel .o_retail_panel_order",
            },
            {
                content: "the panel shows the favourite product",
                trigger: '.o_retail_customer_panel .o_retail_panel_favourite:contains("Serum vitamin C")',
            },
            {
                content: "the panel shows the notes",
                trigger: '.o_retail_customer_panel .o_retail_panel_notes:contains("Prefers female therapists")',
            },
            {
                content: "the panel shows the open case",
                trigger: '.o_retail_customer_panel .o_retail_panel_case:contains("Lost umbrella")',
            },
            {
                content: "take a new request",
                trigger: ".o_retail_customer_panel .o_retail_panel_new_request",
                run: "click",
            },
            {
                content: "type the subject",
                trigger: ".o_retail_case_dialog .o_retail_case_name",
                run: `edit ${REQUEST}`,
            },
            {
                content: "create the request",
                trigger: ".o_retail_case_dialog .modal-footer .btn-primary:not([disabled])",
                run: "click",
            },
            {
                content: "the request is listed among the open cases",
                trigger: `.o_retail_customer_panel .o_retail_panel_case:contains("${REQUEST}")`,
            },
            {
                content: "close the panel",
                trigger: ".o_retail_customer_panel .modal-footer .btn-secondary:contains('Close')",
                run: "click",
            },
            { content: "the panel is closed", trigger: negate(".o_retail_customer_panel") },
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("Tiền mặt"),
            PaymentScreen.remainingIs("0"),
            PaymentScreen.clickValidate(),
            ReceiptScreen.isShown(),
            ReceiptScreen.clickNextOrder(),
            // the same customer on the next order: answered already, not asked again
            ProductScreen.addOrderline("Bia Hà Nội 330ml", "1"),
            ProductScreen.clickPartnerButton(),
            ProductScreen.clickCustomer(CUSTOMER),
            ProductScreen.customerIsSelected(CUSTOMER),
            ProductScreen.totalAmountIs("20,000"),
            { content: "no second prompt", trigger: negate(".o_retail_questionnaire_dialog") },
        ].flat(),
});
