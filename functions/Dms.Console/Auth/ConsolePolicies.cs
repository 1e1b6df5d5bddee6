namespace Dms.Console;

/// <summary>Authorization policies of the console; each authenticates with the console's own cookie, never an API key.</summary>
public static class ConsolePolicies
{
    public const string Scheme = "Console";
    public const string OidcScheme = "ConsoleOidc";

    /// <summary>Any console role: every page, scoped to a region for regional managers.</summary>
    public const string View = "console.view";

    /// <summary>
    /// Any role that sees every region (not regional managers): views whose content spans regions by nature, such as
    /// replay jobs (a job's selection and items may cover any dealer).
    /// </summary>
    public const string ViewAllRegions = "console.view-all-regions";

    /// <summary>Operators and admins: replay, archive, assign, notes, acknowledge and snooze alerts, reveal personal data.</summary>
    public const string Operate = "console.operate";

    /// <summary>Admins: dealer onboarding, keys and secrets.</summary>
    public const string Administer = "console.admin";
}
