namespace Lector.Grains.Collections;

/// <summary>One owner's collection of one kind, e.g. (<c>library</c>, user id).</summary>
public readonly record struct CollectionKey(string Kind, string Owner);
