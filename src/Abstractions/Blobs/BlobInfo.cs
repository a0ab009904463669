namespace Lector.Abstractions.Blobs;

/// <summary>One stored object as a listing reports it.</summary>
public sealed record BlobInfo(string Key, long Length, DateTimeOffset LastModified);
