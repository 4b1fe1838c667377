import { PosStore } from "@point_of_sale/app/store/pos_store";
import { patch } from "@web/core/utils/patch";
import { effect } from "@web/core/utils/reactive";
import { batched } from "@web/core/utils/timing";
import { _t } from "@web/core/l10n/translation";
import { RetailQuestionnaireDialog } from "@retail_crm/questionnaire/questionnaire_dialog";

patch(PosStore.prototype, {
    async setup() {
        // customers already asked by this till since it was opened (answered or skipped):
        // the server knows the answers, this spares a second prompt before the order is synced
        this.retailAskedPartnerIds = new Set();
        await super.setup(...arguments);
        effect(
            batched((orders) => {
                const order = Array.from(orders.values()).find(
                    (order) => order.uuid === this.selectedOrderUuid
                );
                const partner = order?.get_partner();
                if (order && partner && !order.finalized) {
                    this.retailAskRepeatQuestions(order, partner);
                }
            }),
            [this.data.records["pos.order"]]
        );
    },
    /** Prompt the cashier with the repeat questions due for the customer, once. */
    async retailAskRepeatQuestions(order, partner) {
        if (this.retailAskedPartnerIds.has(partner.id)) {
            return;
        }
        this.retailAskedPartnerIds.add(partner.id);
        let questions;
        try {
            questions = await this.data.call("retail.question", "retail_pos_questions", [
                partner.id,
                "repeat",
            ]);
        } catch (error) {
            // offline: no prompt this time, the customer may be asked on a later order
            console.warn("Repeat questions unavailable:", error);
            this.retailAskedPartnerIds.delete(partner.id);
            return;
        }
        if (!questions.length || order.finalized || order.get_partner()?.id !== partner.id) {
            return;
        }
        this.retailOpenQuestionnaire(order, questions, {
            title: _t("Please ask %s", partner.name),
        });
    },
    /** Ask the given questions; the answers are kept on the order. */
    retailOpenQuestionnaire(order, questions, { title, subtitle } = {}) {
        this.dialog.add(RetailQuestionnaireDialog, {
            title: title || _t("Questionnaire"),
            subtitle: subtitle || "",
            questions,
            getPayload: (answers) => {
                if (answers.length) {
                    order.retailAddQuestionAnswers(answers);
                }
            },
        });
    },
    /** The registration form for the order's customer (from the customer panel). */
    async retailAskRegistrationQuestions(order) {
        const partner = order.get_partner();
        const questions = await this.data.call("retail.question", "retail_pos_questions", [
            partner.id,
            "registration",
        ]);
        if (!questions.length) {
            this.notification.add(_t("No registration questions are defined."), { type: "info" });
            return;
        }
        this.retailOpenQuestionnaire(order, questions, {
            title: _t("Registration form: %s", partner.name),
            subtitle: _t("The answers are saved with this order."),
        });
    },
});
