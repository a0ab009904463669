namespace Lector.Grains.Collections;

/// <summary>One item of a collection as stored: its id, its place in the order (larger is newer) and its JSON.</summary>
public sealed record CollectionRow(string Id, long SortKey, string Payload);
