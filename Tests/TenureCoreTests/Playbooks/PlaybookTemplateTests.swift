import Foundation
import Testing
@testable import TenureCore

/// Templates: placeholders filled from the run's context, text left as written, mistakes refused.
@Suite("Playbook templates")
struct PlaybookTemplateTests {
    static let context = TemplateContext.make(subject: PlaybookFixtures.acme, occurrence: PlaybookFixtures.survey(score: 3),
                                              playbook: "Detractor follow-up", runID: "run_1")

    static func render(_ text: String, _ context: [String: JSONValue] = context) throws -> String {
        try PlaybookTemplate(text, field: "text").render(context)
    }

    @Test("the issue's task title, with the account and the response")
    func issueTitle() throws {
        let template = try PlaybookTemplate("Call {{account.name}} about their NPS {{response.score}}", field: "title")
        #expect(template.render(Self.context) == "Call Acme about their NPS 3")
        #expect(template.text == "Call {{account.name}} about their NPS {{response.score}}")
    }

    @Test("account fields: MRR with two decimals, whole numbers without .0, lists with commas, nested traits, dates")
    func accountFields() throws {
        #expect(try Self.render("{{account.id}} {{account.segment}} {{account.stage}} {{account.owner_id}}") == "acc_acme enterprise renewal csm_ana")
        #expect(try Self.render("{{account.mrr}} {{account.currency}}") == "820.00 USD")
        #expect(try Self.render("{{account.health_score}} {{account.health_colour}} {{account.churn_probability}}") == "48 yellow 0.62")
        #expect(try Self.render("{{account.tags}}; {{account.traits.plan}}, {{account.traits.seats}} seats") == "vip, beta; enterprise, 120 seats")
        #expect(try Self.render("renews {{account.renewal_at}}") == "renews 2027-03-30")
        #expect(try Self.render("{{playbook.name}} / {{run.id}} / {{event.kind}}") == "Detractor follow-up / run_1 / nps")
        #expect(try Self.render("{{ account.name }}") == "Acme", "spaces inside the braces")
    }

    @Test("numbers: whole ones without .0, others as they are")
    func numbers() throws {
        let context: [String: JSONValue] = ["event": .object(["a": .number(6), "b": .number(7.5), "c": .number(-2), "d": .bool(true)])]
        #expect(try Self.render("{{event.a}} {{event.b}} {{event.c}} {{event.d}}", context) == "6 7.5 -2 true")
    }

    @Test("missing values render as nothing: absent keys, null fields, a run not started, mappings")
    func missing() throws {
        let bare = TemplateContext.make(subject: PlaybookFixtures.acme { $0.segment = nil; $0.healthScore = nil; $0.renewalAt = nil },
                                        occurrence: PlaybookFixtures.survey(score: 3), playbook: "P", runID: nil)
        #expect(try Self.render("[{{account.segment}}|{{account.health_score}}|{{account.renewal_at}}|{{run.id}}]", bare) == "[|||]")
        #expect(try Self.render("[{{event.nothing}}|{{event.comment}}|{{account.traits.missing}}]") == "[||]")
        let health = TemplateContext.make(subject: PlaybookFixtures.acme,
                                          occurrence: PlaybookFixtures.healthChanged(from: 72, "green", to: 48, "yellow"), playbook: "P", runID: nil)
        #expect(try Self.render("{{event.previous.score}} → {{event.current.score}} [{{event.previous}}]", health) == "72 → 48 []")
    }

    @Test("text is not escaped here: markup and Slack mentions pass through unchanged for the channel to escape")
    func verbatim() throws {
        let hostile = PlaybookFixtures.acme { $0.name = "<script>alert(1)</script> & <!channel>" }
        let context = TemplateContext.make(subject: hostile, occurrence: PlaybookFixtures.survey(score: 3), playbook: "P", runID: nil)
        #expect(try Self.render("<b>{{account.name}}</b> <!here>", context) == "<b><script>alert(1)</script> & <!channel></b> <!here>")
    }

    @Test("literal braces: text without placeholders, a lone closing }} and single braces stay as written")
    func literals() throws {
        #expect(try Self.render("No placeholders") == "No placeholders")
        #expect(try Self.render("a }} b {x}") == "a }} b {x}")
        #expect(try Self.render("") == "")
    }

    @Test("refused: an unclosed {{, an unknown root or account field, a path that is not root.field")
    func refusals() {
        func refusal(_ text: String) -> String? {
            do throws(ValidationError) {
                _ = try PlaybookTemplate(text, field: "steps[0].task.title")
                return nil
            } catch {
                #expect(error.field == "steps[0].task.title")
                return error.message
            }
        }
        #expect(refusal("Hi {{account.name") == "has a {{ without its closing }}")
        #expect(refusal("Hi {{account.name}} and {{") == "has a {{ without its closing }}")
        #expect(refusal("{{acount.name}}")
            == "unknown template variable 'acount.name'; it must start with one of: account, event, response, playbook, run")
        #expect(refusal("{{playbook.version}}") == "unknown template variable 'playbook.version'; playbook has: name")
        #expect(refusal("{{account.name.first}}")?.hasPrefix("unknown template variable 'account.name.first'; account has: id, name") == true)
        #expect(refusal("{{account}}") == "{{account}} is not a variable such as {{account.name}}")
        #expect(refusal("{{ }}") == "{{}} is not a variable such as {{account.name}}")
        #expect(refusal("{{account. name}}") == "{{account. name}} is not a variable such as {{account.name}}")
    }
}
