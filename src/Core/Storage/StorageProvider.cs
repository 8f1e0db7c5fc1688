namespace MspSupport.Core.Storage;

public enum StorageProvider
{
    Sqlite,
    DynamoDb,
}
