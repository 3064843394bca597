/// Playbook documents the tests share.
public enum PlaybookDocuments {
    /// The playbook of issue 13, exactly as written there.
    public static let issueExample = """
        name: Detractor follow-up
        trigger: {event: survey.response.created, where: {kind: nps, score: {lte: 6}}}
        conditions: {segment: [mid_market, enterprise], mrr: {gte: 50000}}
        limit: {once_per_account_days: 30}
        holdout: 0.1
        steps:
          - task: {title: "Call {{account.name}} about their NPS {{response.score}}", owner: account_owner, due_days: 2, priority: high}
          - wait_days: 7
          - notify: {channel: slack, text: "Detractor follow-up for {{account.name}} still open"}
            if: {task_open: true}
        """
}
