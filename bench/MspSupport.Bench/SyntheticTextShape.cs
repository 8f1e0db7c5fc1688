namespace MspSupport.Bench;

public enum SyntheticTextShape
{
    ContentWords,
    StopwordHeavy,
}
