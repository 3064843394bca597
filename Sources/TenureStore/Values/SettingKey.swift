import Foundation
import TenureCore

/// Keys of the configuration Tenure keeps in the `settings` table.
public enum SettingKey {
    /// ``MetricsPolicy`` as JSON.
    public static let metricsPolicy = "metrics.policy"
    /// ``ProductConfiguration`` as JSON.
    public static let productConfiguration = "product.configuration"
    /// The last outbox sequence number the playbook engine has evaluated triggers for; it only moves forward.
    public static let playbookCursor = "playbooks.cursor"
}
