extern alias notifications;
using notifications::SpaceOfSport.Notifications.Sms;

namespace SpaceOfSport.Notifications.Tests;

/// <summary>The SMS length rules (3GPP TS 23.038): GSM 7-bit 160/153 septets, extension characters cost two, UCS-2 70/67.</summary>
public sealed class SmsSegmentsTests
{
    [Fact]
    public void A_GSM_text_of_160_characters_is_one_message()
    {
        var segments = SmsSegments.Split(new string('a', 160));

        segments.Encoding.Should().Be(SmsEncoding.Gsm7);
        segments.Parts.Should().ContainSingle();
    }

    [Fact]
    public void A_GSM_text_of_161_characters_is_split_in_parts_of_153()
    {
        var segments = SmsSegments.Split(new string('a', 161));

        segments.Parts.Select(p => p.Length).Should().Equal(153, 8);
        string.Concat(segments.Parts).Should().Be(new string('a', 161));
    }

    [Fact]
    public void Extension_characters_count_twice_and_are_never_cut_in_half()
    {
        SmsSegments.Split(new string('€', 80)).Parts.Should().ContainSingle("80 euro signs are 160 septets");
        var split = SmsSegments.Split(new string('€', 81));

        split.Encoding.Should().Be(SmsEncoding.Gsm7);
        split.Parts.Select(p => p.Length).Should().Equal(76, 5);
        var oddSplit = SmsSegments.Split(new string('a', 152) + "{" + new string('a', 10));
        oddSplit.Parts[0].Should().Be(new string('a', 152), "the brace's two septets do not fit in the 153rd");
        oddSplit.Parts[1].Should().StartWith("{");
    }

    [Fact]
    public void Accented_letters_of_the_GSM_alphabet_keep_it_and_others_switch_to_UCS2()
    {
        SmsSegments.Split("Pedido confirmado. ¡Gracias! Müller Ñandú é ü ñ à").Encoding.Should().Be(SmsEncoding.Ucs2, "ú is not in the GSM alphabet");
        SmsSegments.Split("Bestellung bestätigt. Grüße, Müller").Encoding.Should().Be(SmsEncoding.Gsm7);
        SmsSegments.Split("Commande confirmée : où ? à côté").Encoding.Should().Be(SmsEncoding.Ucs2, "ô is not in the GSM alphabet");
    }

    [Fact]
    public void A_UCS2_text_is_one_message_up_to_70_units_then_parts_of_67()
    {
        SmsSegments.Split(new string('ú', 70)).Parts.Should().ContainSingle();
        SmsSegments.Split(new string('ú', 71)).Parts.Select(p => p.Length).Should().Equal(67, 4);
    }

    [Fact]
    public void An_emoji_is_never_cut_between_its_two_UTF16_units()
    {
        var text = new string('ú', 66) + "🏃" + "ok" + new string('ú', 10);

        var parts = SmsSegments.Split(text).Parts;

        parts[0].Should().Be(new string('ú', 66));
        parts[1].Should().StartWith("🏃");
        string.Concat(parts).Should().Be(text);
    }
}
