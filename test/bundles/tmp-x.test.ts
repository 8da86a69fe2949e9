require('../bot/work-psychologist.spec');
