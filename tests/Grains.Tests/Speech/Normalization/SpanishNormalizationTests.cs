using Lector.Grains.Speech.Normalization;

namespace Lector.Grains.Tests.Speech.Normalization;

/// <summary>Each rule that applies in Spanish, with news, legal and official-gazette phrasing.</summary>
public sealed class SpanishNormalizationTests
{
    private static readonly SpeechNormalizer Normalizer = new();

    private static string Normalize(string text, string language = "es") => Normalizer.Normalize(text, language);

    [Theory]
    [InlineData("© 2024 Ediciones El País, S.L.", "copyright 2024 Ediciones El País, sociedad limitada.")]
    [InlineData("Copyright (C) 2001-2022 Free Software Foundation", "Copyright 2001 a 2022 Free Software Foundation")]
    [InlineData("Windows® es una marca de Microsoft", "Windows es una marca de Microsoft")]
    public void Copyright_and_trademark_signs(string text, string expected) => Assert.Equal(expected, Normalize(text));

    [Theory]
    [InlineData("Consulte https://www.boe.es/diario_boe/ para más información.", "Consulte www punto boe punto es barra diario guion bajo boe para más información.")]
    [InlineData("Escriba a info@ejemplo.es o a soporte-web@ejemplo.com.", "Escriba a info arroba ejemplo punto es o a soporte guion web arroba ejemplo punto com.")]
    [InlineData("Véase ejemplo.com/ayuda.", "Véase ejemplo punto com barra ayuda.")]
    public void Web_and_email_addresses(string text, string expected) => Assert.Equal(expected, Normalize(text));

    [Theory]
    [InlineData("El Sr. García y la Dra. López llegaron.", "El señor García y la doctora López llegaron.")]
    [InlineData("Véase la pág. 12 y el art. 5 del cap. 3.", "Véase la página 12 y el artículo 5 del capítulo 3.")]
    [InlineData("el núm. 3 y el n.º 7", "el número 3 y el número 7")]
    [InlineData("frutas, verduras, etc. Todo fresco.", "frutas, verduras, etcétera. Todo fresco.")]
    [InlineData("algunos países, p. ej. Chile, crecen", "algunos países, por ejemplo Chile, crecen")]
    [InlineData("viajó a EE. UU. en 2019", "viajó a Estados Unidos en 2019")]
    [InlineData("Telefónica, S.A. anunció", "Telefónica, sociedad anónima anunció")]
    [InlineData("aprox. 300 personas", "aproximadamente 300 personas")]
    [InlineData("Por favor, siéntese Ud. aquí", "Por favor, siéntese usted aquí")]
    public void Abbreviations(string text, string expected) => Assert.Equal(expected, Normalize(text));

    [Theory]
    [InlineData("Madrid tiene 3.280.782 habitantes.", "Madrid tiene 3280782 habitantes.")]
    [InlineData("El índice subió hasta 1.234,5 puntos.", "El índice subió hasta mil doscientos treinta y cuatro coma cinco puntos.")]
    [InlineData("una tasa de 3,14", "una tasa de tres coma catorce")]
    [InlineData("la versión 2.4.1", "la versión 2 punto 4 punto 1")]
    [InlineData("en 2023 hubo 500 casos", "en 2023 hubo 500 casos")]
    public void Numbers_with_spanish_separators(string text, string expected) => Assert.Equal(expected, Normalize(text));

    [Theory]
    [InlineData("Ganó el 1.er premio y la 2.ª plaza.", "Ganó el primer premio y la segunda plaza.")]
    [InlineData("el 1.º de mayo", "el primero de mayo")]
    [InlineData("el 3º piso y la 21ª edición", "el tercero piso y la vigésima primera edición")]
    [InlineData("los 3.os clasificados", "los terceros clasificados")]
    [InlineData("en el siglo XIX y el siglo XXI", "en el siglo diecinueve y el siglo veintiuno")]
    public void Ordinals(string text, string expected) => Assert.Equal(expected, Normalize(text));

    [Theory]
    [InlineData("durante 1990-1995", "durante 1990 a 1995")]
    [InlineData("entre 1990-1995", "entre 1990 y 1995")]
    [InlineData("págs. 10–12", "páginas 10 a 12")]
    public void Ranges(string text, string expected) => Assert.Equal(expected, Normalize(text));

    [Theory]
    [InlineData("El PIB creció un 2,5 % en 2023.", "El PIB creció un dos coma cinco por ciento en 2023.")]
    [InlineData("un 21 % más", "un 21 por ciento más")]
    [InlineData("La entrada cuesta 3,50 € y el abono 1.234,56 €.", "La entrada cuesta 3 euros con 50 céntimos y el abono 1234 euros con 56 céntimos.")]
    [InlineData("Cuesta 1 €.", "Cuesta un euro.")]
    [InlineData("Cuesta 5 € al mes.", "Cuesta 5 euros al mes.")]
    [InlineData("Cuesta 21 €.", "Cuesta veintiún euros.")]
    [InlineData("Un crédito de 2 M€", "Un crédito de 2 millones de euros")]
    [InlineData("Vale $100.", "Vale 100 dólares.")]
    public void Percentages_and_money(string text, string expected) => Assert.Equal(expected, Normalize(text));

    [Fact]
    public void The_dollar_sign_is_the_peso_in_Mexico_where_the_decimal_mark_is_a_point() =>
        Assert.Equal("Cuesta 1500 pesos con 50 centavos.", Normalize("Cuesta $1,500.50.", "es-MX"));

    [Theory]
    [InlineData("a 1 km de la costa", "a un kilómetro de la costa")]
    [InlineData("pesa 5 kg y mide 1,8 m", "pesa 5 kilogramos y mide uno coma ocho metros")]
    [InlineData("durante 1 h", "durante una hora")]
    [InlineData("abierto 21 h al día", "abierto veintiuna horas al día")]
    [InlineData("hace -3 °C", "hace menos 3 grados Celsius")]
    [InlineData("un disco de 512 GB", "un disco de 512 gigabytes")]
    public void Units(string text, string expected) => Assert.Equal(expected, Normalize(text));

    [Theory]
    [InlineData("Publicado el 5/3/2024.", "Publicado el 5 de marzo de 2024.")]
    [InlineData("Publicado el 2024-03-05.", "Publicado el 5 de marzo de 2024.")]
    [InlineData("a las 10:30", "a las diez y treinta")]
    [InlineData("a las 20:00", "a las veinte en punto")]
    [InlineData("a la 1:15", "a la una y quince")]
    [InlineData("a las 10:30 p. m.", "a las diez y treinta de la noche")]
    public void Dates_and_times(string text, string expected) => Assert.Equal(expected, Normalize(text));

    [Theory]
    [InlineData("Llame a get_user_name desde JavaScript.", "Llame a get user name desde Java Script.")]
    [InlineData("Use System.IO en C#.", "Use System punto IO en C sharp.")]
    [InlineData("Es la capital de Francia.[1] Tiene museos.", "Es la capital de Francia. Tiene museos.")]
    public void Code_identifiers_and_citation_markers(string text, string expected) => Assert.Equal(expected, Normalize(text));
}
