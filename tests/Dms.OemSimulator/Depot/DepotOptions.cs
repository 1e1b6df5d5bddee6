namespace Dms.OemSimulator.Depot;

/// <summary>The parts depot's behaviour (section <c>Simulator:Depot</c>).</summary>
public sealed class DepotOptions
{
    public const string Section = "Simulator:Depot";

    /// <summary>Orders whose number starts with this are left alone (a person plays the depot, as in the README walk-through).</summary>
    public string ManualPrefix { get; set; } = "WALK-";

    /// <summary>Time between the depot's steps: acknowledgement, first and second shipment.</summary>
    public int StepMilliseconds { get; set; } = 2500;

    /// <summary>Share (0–1) of VOR orders acknowledged late, after <see cref="LateAckSeconds"/>, so the VOR alert fires.</summary>
    public double LateVorShare { get; set; } = 0.3;

    public int LateAckSeconds { get; set; } = 100;

    /// <summary>When backordered units arrive at the depot and ship as a tag-on.</summary>
    public int BackorderFillSeconds { get; set; } = 40;
}
