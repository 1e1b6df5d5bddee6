namespace Dms.Hub.Work;

public enum LeaseMode
{
    /// <summary>Only an item that is due and not held by a live lease (a normal run).</summary>
    WhenDue,

    /// <summary>Also an item waiting for a later retry (to dead-letter it now); never one held by a live lease.</summary>
    EvenIfNotDue,
}
