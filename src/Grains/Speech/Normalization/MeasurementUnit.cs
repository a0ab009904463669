namespace Lector.Grains.Speech.Normalization;

/// <summary>A unit of measurement: the symbols it is written with after a number, and its name in each language read.</summary>
internal sealed record MeasurementUnit(string[] Symbols, NounForms English, NounForms Spanish, NounForms French)
{
    private const GrammaticalGender F = GrammaticalGender.Feminine;

    /// <summary>Symbols an engine would spell letter by letter ("5 km" as "five K M") or not say at all ("5 ms").</summary>
    public static readonly IReadOnlyList<MeasurementUnit> All =
    [
        Metric(["nm"], "nano", "nanómetro", "nanomètre"),
        Metric(["µm", "μm"], "micro", "micrómetro", "micromètre"),
        Metric(["mm"], "milli", "milímetro", "millimètre"),
        Metric(["cm"], "centi", "centímetro", "centimètre"),
        Metric(["m"], "", "metro", "mètre"),
        Metric(["km"], "kilo", "kilómetro", "kilomètre"),
        new(["m²"], new("square meter", "square meters"), new("metro cuadrado", "metros cuadrados"), new("mètre carré", "mètres carrés")),
        new(["km²"], new("square kilometer", "square kilometers"), new("kilómetro cuadrado", "kilómetros cuadrados"), new("kilomètre carré", "kilomètres carrés")),
        new(["cm²"], new("square centimeter", "square centimeters"), new("centímetro cuadrado", "centímetros cuadrados"), new("centimètre carré", "centimètres carrés")),
        new(["m³"], new("cubic meter", "cubic meters"), new("metro cúbico", "metros cúbicos"), new("mètre cube", "mètres cubes")),
        new(["cm³"], new("cubic centimeter", "cubic centimeters"), new("centímetro cúbico", "centímetros cúbicos"), new("centimètre cube", "centimètres cubes")),
        new(["mi"], new("mile", "miles"), new("milla", "millas", F), new("mile", "miles")),
        new(["ft"], new("foot", "feet"), new("pie", "pies"), new("pied", "pieds")),
        new(["yd"], new("yard", "yards"), new("yarda", "yardas", F), new("yard", "yards")),
        new(["mg"], new("milligram", "milligrams"), new("miligramo", "miligramos"), new("milligramme", "milligrammes")),
        new(["g"], new("gram", "grams"), new("gramo", "gramos"), new("gramme", "grammes")),
        new(["kg"], new("kilogram", "kilograms"), new("kilogramo", "kilogramos"), new("kilogramme", "kilogrammes")),
        new(["lb", "lbs"], new("pound", "pounds"), new("libra", "libras", F), new("livre", "livres", F)),
        new(["oz"], new("ounce", "ounces"), new("onza", "onzas", F), new("once", "onces", F)),
        new(["ml", "mL"], new("milliliter", "milliliters"), new("mililitro", "mililitros"), new("millilitre", "millilitres")),
        new(["cl", "cL"], new("centiliter", "centiliters"), new("centilitro", "centilitros"), new("centilitre", "centilitres")),
        new(["L"], new("liter", "liters"), new("litro", "litros"), new("litre", "litres")),
        new(["ns"], new("nanosecond", "nanoseconds"), new("nanosegundo", "nanosegundos"), new("nanoseconde", "nanosecondes", F)),
        new(["µs", "μs"], new("microsecond", "microseconds"), new("microsegundo", "microsegundos"), new("microseconde", "microsecondes", F)),
        new(["ms"], new("millisecond", "milliseconds"), new("milisegundo", "milisegundos"), new("milliseconde", "millisecondes", F)),
        new(["s"], new("second", "seconds"), new("segundo", "segundos"), new("seconde", "secondes", F)),
        new(["min"], new("minute", "minutes"), new("minuto", "minutos"), new("minute", "minutes", F)),
        new(["h"], new("hour", "hours"), new("hora", "horas", F), new("heure", "heures", F)),
        new(["B"], new("byte", "bytes"), new("byte", "bytes"), new("octet", "octets")),
        Bytes(["kB", "KB", "ko", "Ko"], "kilo"),
        Bytes(["MB", "Mo"], "mega", "méga"),
        Bytes(["GB", "Go"], "giga"),
        Bytes(["TB", "To"], "tera", "téra"),
        Bytes(["KiB"], "kibi"),
        Bytes(["MiB"], "mebi", "mébi"),
        Bytes(["GiB"], "gibi"),
        Bytes(["TiB"], "tebi", "tébi"),
        new(["MB/s"], new("megabyte per second", "megabytes per second"), new("megabyte por segundo", "megabytes por segundo"), new("mégaoctet par seconde", "mégaoctets par seconde")),
        new(["kbps", "kbit/s"], new("kilobit per second", "kilobits per second"), new("kilobit por segundo", "kilobits por segundo"), new("kilobit par seconde", "kilobits par seconde")),
        new(["Mbps", "Mbit/s"], new("megabit per second", "megabits per second"), new("megabit por segundo", "megabits por segundo"), new("mégabit par seconde", "mégabits par seconde")),
        new(["Gbps", "Gbit/s"], new("gigabit per second", "gigabits per second"), new("gigabit por segundo", "gigabits por segundo"), new("gigabit par seconde", "gigabits par seconde")),
        new(["Hz"], new("hertz", "hertz"), new("hercio", "hercios"), new("hertz", "hertz")),
        new(["kHz"], new("kilohertz", "kilohertz"), new("kilohercio", "kilohercios"), new("kilohertz", "kilohertz")),
        new(["MHz"], new("megahertz", "megahertz"), new("megahercio", "megahercios"), new("mégahertz", "mégahertz")),
        new(["GHz"], new("gigahertz", "gigahertz"), new("gigahercio", "gigahercios"), new("gigahertz", "gigahertz")),
        new(["V"], new("volt", "volts"), new("voltio", "voltios"), new("volt", "volts")),
        new(["W"], new("watt", "watts"), new("vatio", "vatios"), new("watt", "watts")),
        new(["kW"], new("kilowatt", "kilowatts"), new("kilovatio", "kilovatios"), new("kilowatt", "kilowatts")),
        new(["MW"], new("megawatt", "megawatts"), new("megavatio", "megavatios"), new("mégawatt", "mégawatts")),
        new(["kWh"], new("kilowatt-hour", "kilowatt-hours"), new("kilovatio hora", "kilovatios hora"), new("kilowattheure", "kilowattheures", F)),
        new(["mAh"], new("milliamp-hour", "milliamp-hours"), new("miliamperio hora", "miliamperios hora"), new("milliampère-heure", "milliampères-heures")),
        new(["°C", "ºC"], new("degree Celsius", "degrees Celsius"), new("grado Celsius", "grados Celsius"), new("degré Celsius", "degrés Celsius")),
        new(["°F", "ºF"], new("degree Fahrenheit", "degrees Fahrenheit"), new("grado Fahrenheit", "grados Fahrenheit"), new("degré Fahrenheit", "degrés Fahrenheit")),
        new(["°"], new("degree", "degrees"), new("grado", "grados"), new("degré", "degrés")),
        new(["km/h"], new("kilometer per hour", "kilometers per hour"), new("kilómetro por hora", "kilómetros por hora"), new("kilomètre par heure", "kilomètres par heure")),
        new(["mph"], new("mile per hour", "miles per hour"), new("milla por hora", "millas por hora", F), new("mile par heure", "miles par heure")),
        new(["m/s"], new("meter per second", "meters per second"), new("metro por segundo", "metros por segundo"), new("mètre par seconde", "mètres par seconde")),
        new(["px"], new("pixel", "pixels"), new("píxel", "píxeles"), new("pixel", "pixels")),
        new(["dpi"], new("dot per inch", "dots per inch"), new("punto por pulgada", "puntos por pulgada"), new("point par pouce", "points par pouce")),
        new(["pt"], new("point", "points"), new("punto", "puntos"), new("point", "points")),
    ];

    /// <summary>
    /// Symbols that also end words written against a number ("5 s" is seconds, "1990s" a decade; "5 B" bytes,
    /// "5B" maybe billions): read as units only with a space after the number.
    /// </summary>
    public static bool NeedsSpace(string symbol) => symbol is "s" or "B";

    private static MeasurementUnit Metric(string[] symbols, string englishPrefix, string spanish, string french) =>
        new(symbols, new($"{englishPrefix}meter", $"{englishPrefix}meters"), new(spanish, spanish + "s"), new(french, french + "s"));

    private static MeasurementUnit Bytes(string[] symbols, string prefix, string? frenchPrefix = null) =>
        new(symbols, new($"{prefix}byte", $"{prefix}bytes"), new($"{prefix}byte", $"{prefix}bytes"), new($"{frenchPrefix ?? prefix}octet", $"{frenchPrefix ?? prefix}octets"));
}
