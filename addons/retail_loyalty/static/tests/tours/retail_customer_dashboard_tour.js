import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("retail_customer_dashboard_tour", {
    steps: () => [
        {
            content: "the revenue of the last 28 days is shown",
            trigger: ".o_retail_customer_dashboard .o_customer_kpi_revenue .o_customer_kpi_value",
        },
        {
            content: "a year instead",
            trigger: ".o_retail_customer_dashboard button:contains('365 days')",
            run: "click",
        },
        {
            content: "the year is the period now",
            trigger: ".o_retail_customer_dashboard button.btn-primary:contains('365 days')",
        },
        {
            content: "one branch",
            trigger: ".o_retail_customer_dashboard select.o_customer_dashboard_branch",
            run: "selectByIndex 1",
        },
        {
            content: "the margin per tier opens as an analysis",
            trigger: ".o_retail_customer_dashboard h4:contains('Margin per tier') + button",
            run: "click",
        },
        {
            content: "the customer margin analysis is open",
            trigger: ".o_breadcrumb .active:contains('Customer Margin')",
        },
    ],
});
