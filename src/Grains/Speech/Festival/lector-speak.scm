;;; Lector's Festival run: speaks the text on stdin with the voice named by lector_voice, writes one WAV file to
;;; lector_wave_path, and prints when each token starts being spoken, read from Festival's own utterance structure.
;;; When lector_lexicon_path names a file, its lex.add.entry forms (the owner's pronunciations) are loaded once the
;;; voice has selected its lexicon. The variables are defined on the command line before this file is loaded in batch
;;; mode (which, unlike --script, lets the Lisp heap be sized):
;;;
;;;   festival --heap 2000000 -b '(defvar lector_wave_path "OUT.wav")' '(defvar lector_voice "VOICE")' \
;;;            '(defvar lector_lexicon_path nil)' lector-speak.scm < text
;;;
;;; Printed on stdout, one line each (times in seconds from the start of the WAV):
;;;   word <TAB> start <TAB> token   a token of the text spoken as one or more words, e.g. "42" as "forty two"
;;;   utterance                      the end of an utterance (Festival's sentence)
;;;   done                           the last line: Festival ends a run on an error with status 0, so the caller
;;;                                  tells a finished run by this line

(gc-status nil)

(defvar lector_lexicon_path nil)
(defvar lector_wave_file nil)
(defvar lector_samples 0)
(defvar lector_last_utterance nil)

(define (lector_spoken_words items)
  "The items among a token's daughters that are words (punctuation daughters are not)."
  (cond ((null items) nil)
        ((item.relation (car items) 'Word) (cons (car items) (lector_spoken_words (cdr items))))
        (t (lector_spoken_words (cdr items)))))

(define (lector_print_tokens utt)
  "Each token spoken as words, with the start of its first word's first segment."
  (let ((offset (/ lector_samples (get_param 'sample_rate (wave.info (utt.wave utt)) 16000)))
        (token (utt.relation.first utt 'Token)))
    (while token
      (let ((words (lector_spoken_words (item.daughters token))))
        (if words
            (format t "word\t%f\t%s\n"
                    (+ offset (item.feat (car words) "R:SylStructure.daughter1.daughter1.segment_start"))
                    (item.name token))))
      (set! token (item.next token)))
    (format t "utterance\n")))

(define (lector_save utt)
  "Appends the utterance's audio to the WAV file, whose header is completed at the end (as text2wave does)."
  (if (eq? lector_samples 0)
      (wave.save.header lector_wave_file (utt.wave utt) 'riff nil (list (list "numsamples" 0))))
  (lector_print_tokens utt)
  (set! lector_samples (+ lector_samples (get_param 'num_samples (wave.info (utt.wave utt)) 0)))
  (wave.save.data.fp (utt.wave utt) lector_wave_file 'riff nil)
  (set! lector_last_utterance utt))

(eval (list (intern (string-append "voice_" lector_voice))))
(if lector_lexicon_path (load lector_lexicon_path))
(set! tts_hooks (list utt.synth lector_save))
(set! lector_wave_file (fopen lector_wave_path "wb"))
(tts_file "-" nil)
(if lector_last_utterance
    (begin
      (fseek lector_wave_file 0 0)
      (wave.save.header lector_wave_file (utt.wave lector_last_utterance) 'riff nil (list (list "numsamples" lector_samples)))))
(fclose lector_wave_file)
(format t "done\n")
