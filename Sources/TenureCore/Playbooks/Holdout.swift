/// The stable split of a playbook's eligible accounts into enrolled and held out (to measure the playbook's effect).
///
/// An account's share is a number in [0, 1) fixed by the playbook's name and the account's id alone, the same on
/// every run, machine and Swift version: FNV-1a 64-bit over the UTF-8 of `playbook + "\u{1F}" + accountID`, mixed by
/// MurmurHash3's 64-bit finalizer, its top 53 bits divided by 2⁵³. (FNV-1a alone leaves the top bits clumped for
/// sequential ids such as `acct_0000001`: a 10 % holdout would keep 7 % to 16 % of them.)
public enum Holdout {
    /// The account's place in [0, 1) for the playbook; independent between playbooks.
    public static func share(playbook: String, accountID: String) -> Double {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in (playbook + "\u{1F}" + accountID).utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        hash ^= hash >> 33
        hash &*= 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        hash &*= 0xc4ce_b9fe_1a85_ec53
        hash ^= hash >> 33
        return Double(hash >> 11) / 9_007_199_254_740_992
    }

    /// Whether the account is kept out of the playbook whose holdout is `share` (0.1 holds out about 10 %).
    public static func isHeldOut(playbook: String, accountID: String, share: Double) -> Bool {
        self.share(playbook: playbook, accountID: accountID) < share
    }
}
