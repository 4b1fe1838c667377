import { PosOrder } from "@point_of_sale/app/models/pos_order";
import { patch } from "@web/core/utils/patch";

patch(PosOrder.prototype, {
    /**
     * Keep the answers given at the till on the order: they travel with it to the server (also
     * when the order is synced later) and become the customer's answers there. A question
     * answered again on the same order replaces its earlier answer.
     */
    retailAddQuestionAnswers(answers) {
        const byQuestion = new Map(
            this.retailQuestionAnswers().map((answer) => [answer.question_id, answer])
        );
        for (const answer of answers) {
            byQuestion.set(answer.question_id, answer);
        }
        // kept as JSON text, the way the server stores it
        this.retail_question_answers = JSON.stringify([...byQuestion.values()]);
    },
    retailQuestionAnswers() {
        try {
            const answers = JSON.parse(this.retail_question_answers || "[]");
            return Array.isArray(answers) ? answers : [];
        } catch {
            return [];
        }
    },
});
