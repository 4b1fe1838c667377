import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import * as PaymentScreen from "@point_of_sale/../tests/tours/utils/payment_screen_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/tours/utils/receipt_screen_util";
import { negate } from "@point_of_sale/../tests/tours/utils/common";
import { registry } from "@web/core/registry";

const CUSTOMER = "Tour Thank You Customer";

// The cashier sees the customer's email and SMS consent on the customer panel, records the SMS
// opt-in the customer gives at the counter, and checks out: the server thanks the customer.
registry.category("web_tour.tours").add("retail_pos_message_tour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            ProductScreen.addOrderline("Massage body 60 phút", "1"),
            ProductScreen.clickPartnerButton(),
            ProductScreen.clickCustomer(CUSTOMER),
            ProductScreen.customerIsSelected(CUSTOMER),
            {
                content: "open the customer panel",
                trigger: ".o_retail_customer_panel_button",
                run: "click",
            },
            {
                content: "email consent: opted in",
                trigger:
                    '.o_retail_customer_panel .o_retail_panel_consent_email .o_retail_consent_state:contains("Opted in")',
            },
            {
                content: "SMS consent: not asked yet",
                trigger:
                    '.o_retail_customer_panel .o_retail_panel_consent_sms .o_retail_consent_state:contains("Not asked")',
            },
            {
                content: "the customer agrees to SMS",
                trigger: ".o_retail_customer_panel .o_retail_panel_consent_sms .o_retail_consent_opt_in",
                run: "click",
            },
            {
                content: "SMS consent recorded",
                trigger:
                    '.o_retail_customer_panel .o_retail_panel_consent_sms .o_retail_consent_state:contains("Opted in")',
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
        ].flat(),
});
