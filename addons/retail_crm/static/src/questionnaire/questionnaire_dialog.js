import { Component, useState } from "@odoo/owl";
import { Dialog } from "@web/core/dialog/dialog";

/** The questions to ask a customer, one input per question type; returns the answers given. */
export class RetailQuestionnaireDialog extends Component {
    static template = "retail_crm.RetailQuestionnaireDialog";
    static components = { Dialog };
    static props = {
        title: String,
        subtitle: { type: String, optional: true },
        questions: Array,
        getPayload: Function,
        close: Function,
    };

    setup() {
        const values = {};
        for (const question of this.props.questions) {
            values[question.id] = question.question_type === "multiple_choice" ? [] : "";
        }
        this.state = useState({ values });
    }
    isChosen(question, option) {
        const value = this.state.values[question.id];
        return Array.isArray(value) ? value.includes(option.id) : value === option.id;
    }
    choose(question, option) {
        if (question.question_type === "multiple_choice") {
            const chosen = this.state.values[question.id];
            this.state.values[question.id] = chosen.includes(option.id)
                ? chosen.filter((id) => id !== option.id)
                : [...chosen, option.id];
        } else {
            this.state.values[question.id] = this.isChosen(question, option) ? "" : option.id;
        }
    }
    setYesNo(question, value) {
        this.state.values[question.id] = this.state.values[question.id] === value ? "" : value;
    }
    /** The answers given, in the shape the server takes (blank ones left out). */
    answers() {
        return this.props.questions
            .map((question) => ({ question_id: question.id, value: this.state.values[question.id] }))
            .filter(({ value }) => value !== "" && !(Array.isArray(value) && !value.length));
    }
    confirm() {
        this.props.getPayload(this.answers());
        this.props.close();
    }
}
