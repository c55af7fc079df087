import type { Principle } from '../process-template';

/** "Einleitung" and "Definition der Eskalation": the annex's principles, not obligations of either party. */
export const PRINCIPLES: Principle[] = [
  {
    id: 'intro-01',
    chapter: 'introduction',
    text: {
      de: 'Der vorliegende Anhang „Eskalationsprozess“ wurde erstellt, um im Falle von Unstimmigkeiten, Problemen oder Konflikten zwischen dem Auftraggeber und dem Auftragnehmer eine klare und strukturierte Vorgehensweise zu gewährleisten.',
      en: 'The present annex “Escalation process” was drawn up to ensure a clear and structured procedure in the event of disagreements, problems or conflicts between the client and the contractor.',
    },
  },
  {
    id: 'intro-02',
    chapter: 'introduction',
    text: {
      de: 'Ein effektiver Eskalationsprozess ist essenziell, um sicherzustellen, dass beide Parteien in jeder Phase der Zusammenarbeit optimal unterstützt werden und um eine zeitnahe Lösung von Herausforderungen zu ermöglichen.',
      en: 'An effective escalation process is essential to ensure that both parties are optimally supported in every phase of the collaboration and to enable challenges to be resolved promptly.',
    },
  },
  {
    id: 'intro-03',
    chapter: 'introduction',
    text: {
      de: 'Dieser Prozess legt die verschiedenen Eskalationsstufen fest und definiert die jeweiligen Zuständigkeiten und Maßnahmen, die bei Bedarf ergriffen werden müssen.',
      en: 'This process sets out the various escalation levels and defines the respective responsibilities and measures that must be taken when required.',
    },
  },
  {
    id: 'intro-04',
    chapter: 'introduction',
    text: {
      de: 'Es ist im Interesse beider Parteien, Eskalationen zu vermeiden. Dennoch ist es notwendig, klare Richtlinien und Verfahren zu haben, falls sie auftreten.',
      en: 'It is in the interest of both parties to avoid escalations. Nevertheless, it is necessary to have clear guidelines and procedures in case they occur.',
    },
  },
  {
    id: 'intro-05',
    chapter: 'introduction',
    text: {
      de: 'Die Einbindung des Eskalationsprozesses in den Vertragsrahmen stellt sicher, dass beide Parteien über die gleichen Erwartungen und das gleiche Verständnis in Bezug auf die Handhabung von Schwierigkeiten verfügen.',
      en: 'Incorporating the escalation process into the contractual framework ensures that both parties have the same expectations and the same understanding with regard to the handling of difficulties.',
    },
  },
  {
    id: 'intro-06',
    chapter: 'introduction',
    text: {
      de: 'Es ist zu betonen, dass dieser Eskalationsprozess nicht dazu dient, Schuld zuzuweisen, sondern vielmehr als Instrument zur effektiven Problembehebung und zur Stärkung der Partnerschaft dient.',
      en: 'It should be emphasised that this escalation process does not serve to assign blame, but rather serves as an instrument for effective problem resolution and for strengthening the partnership.',
    },
  },
  {
    id: 'intro-07',
    chapter: 'introduction',
    text: {
      de: 'Eskalationen sollten immer als letzter Ausweg betrachtet werden, wenn andere Kommunikations- und Lösungsansätze versagt haben.',
      en: 'Escalations should always be regarded as a last resort when other approaches to communication and resolution have failed.',
    },
  },
  {
    id: 'intro-08',
    chapter: 'introduction',
    text: {
      de: 'Beide Parteien sind dazu verpflichtet, bei jeder Eskalation in gutem Glauben und mit dem Ziel einer konstruktiven Lösung zusammenzuarbeiten.',
      en: 'Both parties are obliged to cooperate in good faith in every escalation, with the aim of a constructive solution.',
    },
  },
  {
    id: 'intro-09',
    chapter: 'introduction',
    text: {
      de: 'Dieser Eskalationsprozess steht nicht isoliert, sondern sollte im Kontext der gesamten Vertragsdokumentation und in Kombination mit anderen vereinbarten Prozessen und Mechanismen betrachtet werden.',
      en: 'This escalation process does not stand in isolation, but should be considered in the context of the entire contract documentation and in combination with other agreed processes and mechanisms.',
    },
  },
  {
    id: 'intro-10',
    chapter: 'introduction',
    text: {
      de: 'Die kontinuierliche Überprüfung und gegebenenfalls Anpassung dieses Eskalationsprozesses ist ein Zeichen für das Engagement beider Parteien, eine erfolgreiche und nachhaltige Zusammenarbeit zu gewährleisten.',
      en: 'The continuous review and, where necessary, adaptation of this escalation process is a sign of the commitment of both parties to ensuring successful and sustainable collaboration.',
    },
  },
  {
    id: 'definition-01',
    chapter: 'definition',
    text: {
      de: 'Unter einer Eskalation versteht man den Prozess, durch den ein Problem, das nicht auf der ursprünglichen Ebene gelöst werden konnte, an eine höhere Entscheidungsebene weitergeleitet wird.',
      en: 'An escalation is understood to be the process by which a problem that could not be solved at the original level is referred to a higher decision-making level.',
    },
  },
  {
    id: 'definition-02',
    chapter: 'definition',
    text: {
      de: 'Eskalationen können entstehen, wenn vereinbarte Service-Level-Abkommen (SLAs) nicht eingehalten werden oder wenn es zu Meinungsverschiedenheiten zwischen den Parteien über die Vertragsauslegung kommt.',
      en: 'Escalations can arise when agreed service level agreements (SLAs) are not met or when the parties disagree about the interpretation of the contract.',
    },
  },
  {
    id: 'definition-03',
    chapter: 'definition',
    text: {
      de: 'Eine Eskalation ist nicht zwangsläufig negativ, sondern kann als Möglichkeit zur Klärung und Problemlösung gesehen werden.',
      en: 'An escalation is not necessarily negative, but can be seen as an opportunity for clarification and problem solving.',
    },
  },
  {
    id: 'definition-04',
    chapter: 'definition',
    text: {
      de: 'Der Prozess der Eskalation soll sicherstellen, dass kritische Probleme in einer angemessenen Frist und mit der notwendigen Aufmerksamkeit behandelt werden.',
      en: 'The escalation process is intended to ensure that critical problems are dealt with within a reasonable period and with the necessary attention.',
    },
  },
  {
    id: 'definition-05',
    chapter: 'definition',
    text: {
      de: 'Eskalationen sollten stets objektiv und ohne emotionalen Überhang behandelt werden, wobei das Hauptziel die Lösung des zugrunde liegenden Problems ist.',
      en: 'Escalations should always be handled objectively and without emotional baggage, the main goal being the solution of the underlying problem.',
    },
  },
  {
    id: 'definition-06',
    chapter: 'definition',
    text: {
      de: 'Beide Parteien sollten eine Eskalation als Chance sehen, Prozesse zu verbessern und zukünftige Herausforderungen zu vermeiden.',
      en: 'Both parties should see an escalation as an opportunity to improve processes and to avoid future challenges.',
    },
  },
  {
    id: 'definition-07',
    chapter: 'definition',
    text: {
      de: 'Die Eskalation eines Problems erfolgt in der Regel in mehreren Stufen, wobei jede Stufe klar definierte Zuständigkeiten und Maßnahmen hat.',
      en: 'The escalation of a problem usually takes place in several stages, with each stage having clearly defined responsibilities and measures.',
    },
  },
  {
    id: 'definition-08',
    chapter: 'definition',
    text: {
      de: 'Es ist wichtig zu betonen, dass nicht jedes Problem automatisch eskaliert werden sollte; die Eskalation ist für Situationen vorgesehen, in denen normale Kommunikationskanäle oder Verfahren nicht ausreichen.',
      en: 'It is important to emphasise that not every problem should automatically be escalated; escalation is intended for situations in which normal communication channels or procedures are not sufficient.',
    },
  },
  {
    id: 'definition-09',
    chapter: 'definition',
    text: {
      de: 'Das Ziel jeder Eskalation sollte es sein, zu einer gemeinsamen Einigung zu kommen und das Problem zu lösen, ohne die Geschäftsbeziehung zu beeinträchtigen.',
      en: 'The goal of every escalation should be to reach a mutual agreement and to solve the problem without impairing the business relationship.',
    },
  },
  {
    id: 'definition-10',
    chapter: 'definition',
    text: {
      de: 'Für eine erfolgreiche Eskalationsbehandlung ist die Zusammenarbeit und das Engagement beider Parteien, sowohl des Auftraggebers als auch des Auftragnehmers, unerlässlich.',
      en: 'For successful escalation handling, the cooperation and commitment of both parties, the client as well as the contractor, are indispensable.',
    },
  },
];
